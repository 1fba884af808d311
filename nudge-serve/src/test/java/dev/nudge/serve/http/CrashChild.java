package dev.nudge.serve.http;

import dev.nudge.serve.BankingNudges;
import dev.nudge.serve.EmbeddingModel;
import dev.nudge.serve.NudgeService;
import dev.nudge.serve.PolicyFactory;
import dev.nudge.serve.ServiceConfig;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.InstantSource;

/**
 * The server the crash test runs in a child JVM: args are the database file and a file to write the
 * port to. SIGTERM closes it cleanly; SIGKILL is the crash under test.
 */
public final class CrashChild {
  private CrashChild() {}

  /** The config both the child and the test's replay use. */
  static ServiceConfig config() {
    return ServiceConfig.defaults().withSnapshotEvery(40);
  }

  public static void main(String[] args) throws Exception {
    NudgeService service =
        NudgeService.open(
            new NudgeService.Settings(
                "jdbc:sqlite:" + args[0],
                config(),
                PolicyFactory.builtIn(),
                BankingNudges.five(),
                EmbeddingModel.NONE,
                InstantSource.system()));
    HttpApi api = HttpApi.start(service, HttpApi.Options.local(0));
    Runtime.getRuntime()
        .addShutdownHook(
            new Thread(
                () -> {
                  api.close();
                  service.close();
                }));
    Path portFile = Path.of(args[1]);
    Path tmp = portFile.resolveSibling(portFile.getFileName() + ".tmp");
    Files.writeString(tmp, Integer.toString(api.port()));
    Files.move(tmp, portFile, java.nio.file.StandardCopyOption.ATOMIC_MOVE);
    Thread.currentThread().join();
  }
}
