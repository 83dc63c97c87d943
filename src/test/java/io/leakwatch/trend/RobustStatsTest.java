package io.leakwatch.trend;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

/** Reference values from SciPy 1.17 ({@code stats.theilslopes}, {@code stats.mstats.kendalltau}, {@code stats.norm.sf}). */
class RobustStatsTest {

    private static final double[] X = {0, 1, 2, 3, 4, 5, 6, 7, 8, 9};
    private static final double[] Y = {3.0, 5.5, 4.0, 8.0, 7.5, 9.0, 12.0, 10.0, 15.0, 14.5};

    @Test
    void theilSenMatchesSciPy() {
        double slope = RobustStats.theilSenSlope(X, Y, 0, X.length, null);
        assertThat(slope).isCloseTo(4.0 / 3, within(1e-12));
        // Median of the residuals y - slope * x (SciPy's Conover intercept, 2.5, is another choice).
        assertThat(RobustStats.intercept(X, Y, 0, X.length, slope)).isCloseTo(2.75, within(1e-12));
    }

    @Test
    void theilSenIgnoresAnOutlierThatLeastSquaresFollows() {
        double[] x = {0, 1, 2, 3, 4, 5, 6, 7, 8};
        double[] y = {0, 1, 2, 3, 4, 5, 6, 7, 1000};
        assertThat(RobustStats.theilSenSlope(x, y, 0, x.length, null)).isCloseTo(1.0, within(1e-12));
    }

    @Test
    void medianOfEvenAndOddCounts() {
        assertThat(RobustStats.median(new double[] {5, 1, 4, 2, 3}, 5)).isEqualTo(3);
        assertThat(RobustStats.median(new double[] {5, 1, 4, 2}, 4)).isEqualTo(3);
        assertThat(RobustStats.median(new double[] {7, 7, 7, 1, 7, 7}, 6)).isEqualTo(7);
    }

    @Test
    void mannKendallStatisticAndTieCorrectedVarianceMatchSciPy() {
        double[] y = {1, 2, 2, 3, 3, 3, 2, 4, 5, 4, 6, 6};
        long s = MannKendall.statistic(y, 0, y.length);
        double var = MannKendall.variance(y, 0, y.length);
        assertThat(s).isEqualTo(50);
        assertThat(var).isCloseTo(203.0 + 1.0 / 3, within(1e-9));
        // SciPy's two-sided p without continuity correction pins S and the tie-corrected variance.
        assertThat(2 * Normal.upperTail(s / Math.sqrt(var))).isCloseTo(4.541534245630925e-4, within(1e-8));
        assertThat(MannKendall.upwardPValue(y, 0, y.length)).isCloseTo(2.9485260688548047e-4, within(1e-8));
    }

    @Test
    void mannKendallByHand() {
        double[] y = {1, 2, 2, 3};
        assertThat(MannKendall.statistic(y, 0, 4)).isEqualTo(5);
        assertThat(MannKendall.variance(y, 0, 4)).isCloseTo((156.0 - 18.0) / 18, within(1e-12));
        assertThat(MannKendall.upwardPValue(y, 0, 4)).isCloseTo(0.07428088744593432, within(1e-6));
        assertThat(MannKendall.upwardPValue(new double[] {4, 3, 2, 1}, 0, 4)).isEqualTo(1);
        assertThat(MannKendall.upwardPValue(new double[] {5, 5, 5, 5, 5}, 0, 5)).isEqualTo(1);
    }

    @Test
    void normalTail() {
        assertThat(Normal.upperTail(1.96)).isCloseTo(0.024997895148220435, within(1e-7));
        assertThat(Normal.upperTail(-0.5)).isCloseTo(0.6914624612740131, within(1e-7));
        assertThat(Normal.upperTail(4.2)).isCloseTo(1.334574901590631e-05, within(1e-9));
    }
}
