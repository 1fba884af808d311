package dev.nudge.simulation.paper;

import dev.nudge.data.Catalogue;

/**
 * The simplest honest encoder: an item is its multi-hot genre vector, normalised to unit length; a
 * user is the mean of their history's item vectors. It learns nothing from interactions, so it is
 * the reference the learned encoders must beat.
 */
public final class GenreEncoder implements Encoding.Fitter {

  @Override
  public Encoding fit(dev.nudge.data.Dataset pretraining, long seed) {
    Catalogue items = pretraining.items();
    int genres = Math.max(1, items.topicCount());
    float[][] x = new float[items.size()][genres];
    for (int i = 0; i < items.size(); i++) {
      int[] codes = items.topics().codes(i);
      for (int g : codes) {
        x[i][g] = (float) (1 / Math.sqrt(codes.length));
      }
    }
    return new Encoding("genres", x, Encoding.meanOfItems(x));
  }
}
