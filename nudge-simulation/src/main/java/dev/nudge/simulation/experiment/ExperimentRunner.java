package dev.nudge.simulation.experiment;

import dev.nudge.bandit.DecisionContext;
import dev.nudge.bandit.Feedback;
import dev.nudge.bandit.Policy;
import dev.nudge.bandit.Slate;
import dev.nudge.core.Progress;
import dev.nudge.core.Seeds;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.random.RandomGenerator;

/**
 * Runs an {@link ExperimentConfig}: for each trial, builds the trial's environment, then runs every
 * policy on it in parallel. A run's randomness derives from (seed, trial) only: the user drawn in
 * round t, the rewards' noise and the decision's random source are the same for every policy and
 * every thread count.
 *
 * <p>With {@link ExperimentConfig#encoderUpdatePeriod()} k &gt; 0, each policy run's environment
 * re-fits its encoder after rounds k, 2k, ... (on the clicks that run observed), as the paper
 * updates its neural models every 100 rounds; the refresh is not counted in the time per round.
 */
public final class ExperimentRunner {

  /** Builds the environment of one trial (choose its users, pre-train its encoders...). */
  @FunctionalInterface
  public interface TrialSetup {
    BanditEnvironment environment(int trial, long trialSeed);
  }

  /** Makes a fresh policy for a spec; the environment tells dimensions and catalogue size. */
  @FunctionalInterface
  public interface PolicyFactory {
    Policy create(String spec, BanditEnvironment environment);
  }

  public ExperimentResult run(
      ExperimentConfig config,
      TrialSetup setup,
      PolicyFactory factory,
      String environmentDescription,
      Progress progress) {
    int threads =
        config.threads() == 0 ? Runtime.getRuntime().availableProcessors() : config.threads();
    List<PolicyRun> runs = new ArrayList<>();
    try (ExecutorService pool = Executors.newFixedThreadPool(threads)) {
      for (int trial = 0; trial < config.trials(); trial++) {
        long trialSeed = Seeds.derive(config.seed(), "trial-" + trial);
        BanditEnvironment environment = setup.environment(trial, trialSeed);
        if (config.encoderUpdatePeriod() > 0 && !environment.refreshesEncoder()) {
          throw new IllegalArgumentException(
              "encoderUpdatePeriod is "
                  + config.encoderUpdatePeriod()
                  + " but the environment ("
                  + environmentDescription
                  + ") has no encoder to re-fit; set it to 0");
        }
        List<Future<PolicyRun>> pending = new ArrayList<>();
        for (String spec : config.policies()) {
          // Create policies on this thread so that spec errors surface before any work starts.
          Policy policy = factory.create(spec, environment);
          int t = trial;
          BanditEnvironment own = environment.forRun();
          pending.add(pool.submit(() -> runOne(config, spec, policy, own, t, trialSeed, progress)));
        }
        for (Future<PolicyRun> f : pending) {
          runs.add(f.get());
        }
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("experiment interrupted", e);
    } catch (ExecutionException e) {
      Throwable cause = e.getCause();
      if (cause instanceof RuntimeException re) {
        throw re;
      }
      throw new IllegalStateException("experiment failed", cause);
    }
    return new ExperimentResult(config, environmentDescription, runs);
  }

  private static PolicyRun runOne(
      ExperimentConfig config,
      String spec,
      Policy policy,
      BanditEnvironment environment,
      int trial,
      long trialSeed,
      Progress progress) {
    int rounds = config.rounds();
    int m = config.slateSize();
    double[] ctr = new double[rounds];
    double[] regret = new double[rounds];
    RandomGenerator userDraws = Seeds.random(trialSeed, "users");
    long rewardSeed = Seeds.derive(trialSeed, "rewards");
    long decisionSeed = Seeds.derive(trialSeed, "decisions");
    long nanos = 0;
    double cumulative = 0;
    double cumulativeRegret = 0;
    int chunk = Math.max(1, rounds / 100);
    for (int t = 0; t < rounds; t++) {
      int user = userDraws.nextInt(environment.users());
      String eventId = "trial-" + trial + "/round-" + t;
      DecisionContext context =
          environment.context(
              user, eventId, m, config.roundBudget(), Seeds.random(decisionSeed, t));
      long start = System.nanoTime();
      Slate slate = policy.decide(context);
      long decided = System.nanoTime();
      RandomGenerator noise = Seeds.random(rewardSeed, t);
      double clicks = 0;
      double[] rewards = new double[slate.size()];
      for (int k = 0; k < slate.size(); k++) {
        rewards[k] = environment.reward(user, slate.get(k).arm(), noise);
        clicks += rewards[k];
      }
      long learnStart = System.nanoTime();
      for (int k = 0; k < slate.size(); k++) {
        policy.learn(new Feedback(context, slate.get(k).arm(), k, rewards[k]));
      }
      nanos += (decided - start) + (System.nanoTime() - learnStart);
      // The encoder's time is not the policy's: the refresh sits outside the timed sections.
      int period = config.encoderUpdatePeriod();
      if (period > 0 && (t + 1) % period == 0 && t + 1 < rounds) {
        environment.refreshEncoder((t + 1) / period);
      }
      cumulative += clicks / m;
      cumulativeRegret += environment.optimalSlotReward(user) - clicks / m;
      ctr[t] = cumulative;
      regret[t] = cumulativeRegret;
      if ((t + 1) % chunk == 0) {
        progress.step(chunk);
      }
    }
    progress.step(rounds % chunk);
    return new PolicyRun(spec, trial, ctr, regret, nanos / 1e9 / rounds);
  }
}
