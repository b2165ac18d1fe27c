package dev.taskapi.bench;

import java.util.Arrays;
import java.util.List;

/** Order statistics of a sample (nearest-rank percentiles, which need no interpolation to explain). */
record Stats(double[] sorted) {
  static Stats of(List<? extends Number> values) {
    if (values.isEmpty()) {
      throw new IllegalArgumentException("no samples");
    }
    double[] sorted = values.stream().mapToDouble(Number::doubleValue).toArray();
    Arrays.sort(sorted);
    return new Stats(sorted);
  }

  double percentile(double p) {
    int rank = (int) Math.ceil(p / 100.0 * sorted.length);
    return sorted[Math.clamp(rank - 1, 0, sorted.length - 1)];
  }

  double median() {
    return percentile(50);
  }

  int count() {
    return sorted.length;
  }
}
