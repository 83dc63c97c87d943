/**
 * Growth detection: decides from a target's samples whether the live heap or a type grows
 * sustainedly, and keeps a per-series state with hysteresis. Pure: no I/O, no clock (time is each
 * sample's {@code takenAt}), no logging, no statics.
 *
 * <h2>Entry points</h2>
 * {@link io.leakwatch.trend.GrowthTracker} takes {@link io.leakwatch.model.Sample}s one by one and
 * returns {@link io.leakwatch.trend.TargetVerdicts}: per series a
 * {@link io.leakwatch.trend.LeakState}, the slope in bytes per hour, the relative growth, the
 * p-value, and the {@link io.leakwatch.trend.Transition} this sample caused (newly confirmed,
 * cleared) so the caller captures and alerts exactly once.
 * {@link io.leakwatch.trend.GrowthDetector} judges one series over its window;
 * {@link io.leakwatch.trend.DetectorSettings} holds every knob, per target, with validated
 * {@code defaults()}.
 *
 * <h2>The window</h2>
 * Per series the newest {@code maxSamples} points no older than {@code maxAge} relative to the
 * newest. Points within {@code warmUp} of the process start (the JVM start time when the identity
 * has one, else the first sample) are ignored: start-up allocation is not a leak. A window is
 * judged only when it holds {@code minSamples} points spanning {@code minSpan}. A new process
 * (restart: other pid or start time) starts with empty windows; its history is never joined to the
 * old one's, because a restart resets the heap.
 *
 * <h2>The tests, in order</h2>
 * A series grows sustainedly only when every test passes; the first that fails names the
 * {@link io.leakwatch.trend.Finding}.
 * <ol>
 *   <li><b>Trend</b> ({@code NO_TREND}): one-sided Mann-Kendall test, with the tie correction of
 *       the variance (instance counts are integers and repeat), p at most {@code maxPValue}. Rank
 *       based, so a few outliers (transient garbage a GC kept) do not make a trend.</li>
 *   <li><b>Size</b> ({@code BELOW_THRESHOLD}): the Theil-Sen slope (median of pairwise slopes,
 *       robust to up to 29 % outliers) reaches the absolute floor in bytes per hour, and slope
 *       times span over the window's median level reaches {@code minRelativeGrowth}.</li>
 *   <li><b>Lower envelope</b> ({@code SAWTOOTH}): batch jobs fill memory and release it; what
 *       leaks is what survives the release. The window is cut into blocks of
 *       {@code sawtoothPeriod}, the minimum of each complete block forms the envelope, and its
 *       Theil-Sen slope must reach {@code minEnvelopeSlopeRatio} of the series' slope. Batches that
 *       grow with traffic over flat troughs therefore do not count. The partial last block is left
 *       out because a minimum over fewer points is biased upward.</li>
 *   <li><b>Still rising</b> ({@code PLATEAU}): the newest third's slope must reach
 *       {@code minRecentSlopeRatio} of the window's. A cache that filled and a step that happened
 *       earlier in the window fail here.</li>
 *   <li><b>Not decelerating</b> ({@code DECELERATING}): a cache filling to a bound rises ever
 *       slower. The recent half's slope may not fall short of the older half's by more than
 *       {@code decelerationZ} standard errors of the difference (residual MAD scale) and by a
 *       quarter. Noise-aware, so a noisy straight line is rarely taken for it; a leak that starts
 *       late accelerates and passes.</li>
 *   <li><b>Shape</b> ({@code STEP}, {@code PLATEAU}): the least-squares line is compared with a
 *       single level shift and with "rise, then flat" (regression on {@code min(t, knot)}) at the
 *       best split; if either leaves less than {@code shapeFitRatio} of the line's squared error,
 *       the window is a step or a growth that stopped, not a leak. When the shift merely fits as
 *       well as the line, the two segments must rise on their own (their shared within-segment
 *       slope reaches half the window's, or is within three standard errors of it), and a shift
 *       with fewer than {@code minSamples / 2} points after it counts as a step: a jump seen only
 *       in the last few samples cannot be told from the start of a fast leak yet.</li>
 *   <li><b>Several levels</b> ({@code STEP}): a live set that follows the load steps up and down
 *       between a few levels. When up to four flat levels (fitted by dynamic programming) explain
 *       the window as well as the line, the newest level must not be clearly flat: with at least
 *       {@code max(4, minSamples / 2)} points, its Theil-Sen slope plus three standard errors
 *       must reach half the window's. A leak rises after every shift, also one that started
 *       late. Nor may a later level lie below an earlier one (medians, by a quarter of the levels'
 *       range and five standard errors): a load that went down and up again rises overall while
 *       its newest level is still too short to be judged flat; a leak's levels only rise.</li>
 *   <li><b>Dead space</b> ({@code STEP}, with {@code compactionCycle} above 1): HotSpot's Serial
 *       collector compacts fully only every 4th full GC ({@code MarkSweepAlwaysCompactCount});
 *       the others leave up to 5 % of the old generation as dead objects, which it fills with
 *       {@code int[]} objects that the class histogram counts (JDK 17). Since every sample forces
 *       a full GC, {@code int[]} and the histogram's total rise in a saw that returns to its base
 *       every 4 samples, higher at higher allocation rates. The sliding minimum over
 *       {@code compactionCycle} samples is free of it, and must pass the several-levels test
 *       too. Off by default: a {@code sawtoothPeriod} of 4 sample intervals or more (30 minutes
 *       at a 5-minute interval) already takes it out through the lower envelope.</li>
 * </ol>
 *
 * <h2>What is judged</h2>
 * The live heap after GC, and per tracked type its shallow bytes. A heap that passes every test is
 * judged again without the tracked types that show no trend or whose rise the tests explained (a
 * step, a sawtooth, a plateau, a fill slowing down): a load change that steps byte[] up and adds
 * dead space to int[], or a batch saw whose troughs shift with the sampling phase plus that dead
 * space, make a sum that rises steadily although none of its parts is a leak. A leak in a tracked
 * type (also one growing below the per-type floor), or spread over types too small to track,
 * stays in the remainder. The live heap is the class
 * histogram's total when the sample carries a histogram (counted in the safepoint of the full GC it
 * forces), else the sample's {@code liveHeapBytes}: the heap pools' usage after collection also
 * reflects young collections that ran after the forced one, and drifts with the allocation rate
 * (in the detection benchmark a batch job with a flat histogram showed it rising 50 % in 13
 * samples, a false alert). A type's instance count is
 * reported as a slope only: bytes already follow instances, and also catch collections whose
 * backing arrays grow while their number stays the same.
 *
 * <h2>Hysteresis</h2>
 * OK becomes SUSPECT on a positive evaluation, and CONFIRMED after {@code confirmAfter} positive
 * evaluations in a row; one negative evaluation dismisses a suspicion. CONFIRMED clears to OK after
 * {@code clearAfter} negative evaluations in a row. Windows of consecutive samples overlap, so
 * evaluations are correlated; the consecutive requirement guards against a chance alignment more
 * than against independent noise, which the tests above already hold near {@code maxPValue}.
 *
 * <h2>Bounded memory</h2>
 * Per target, the {@code topTypes} largest types by bytes and every type of at least
 * {@code typeFloorBytes} are tracked, never more than {@code maxTrackedTypes}. A type not selected
 * for {@code minSamples} samples in a row is forgotten; the metrics then drop its series.
 *
 * <h2>Measured quality</h2>
 * {@code GrowthDetectorScenarioTest} runs 200 seeded synthetic series per scenario with the
 * defaults and samples every 5 minutes (12 hours per run). Never confirmed in any run: white
 * noise, skewed garbage spikes, caches warming up (time constant 0.5-1.5 h), sawtooth batches,
 * batches growing over flat troughs, one-time steps (also a step of 4 noise sigmas); a cache
 * under heavy noise (6 % of its fill) in 1.5 % of runs; 300 stable types with integer counts:
 * none. Confirmed in every run: linear growth after median 31 samples (warm-up 3 + span 24 +
 * confirmation 5), p95 31; growth of half the noise per hour after median 50, p95 75; a leak
 * starting after 3-6 hours at median 41, p95 46 samples after its onset; a leak under a batch
 * sawtooth at median 41, p95 44.
 *
 * <h2>Cost</h2>
 * Every sample re-evaluates each tracked series (bytes and instance slope): per target about 120
 * Theil-Sen medians over up to {@code maxSamples (maxSamples - 1) / 2} pairwise slopes. The median
 * is bracketed from a systematic sample of the slopes and selected among the few inside the
 * bracket; slopes clearly outside it are classified by a product instead of a division; Mann-Kendall's
 * S is counted by a merge sort; one scratch array per target is reused. The results are the same
 * doubles as selecting among all slopes ({@code FastStatsEquivalenceTest} compares them bit for
 * bit with the former code, kept in the tests), so a faster run never changes a verdict.
 * {@code GrowthTrackerBenchmark} and {@code TrendStatsBenchmark} measure it.
 *
 * <h2>Limits</h2>
 * A cache that keeps filling for many hours is indistinguishable from a leak that stops later: a
 * slow fill (time constant 1.5 to 3 hours, noise 3 % of the fill) is confirmed in about 7 % of
 * runs with the defaults, 3 % with {@code confirmAfter} 8; a longer {@code warmUp} does not help
 * because the fill is still rising when the window is first judged. Windows are evaluated in
 * quadratic time; {@code maxSamples} is capped at 1000.
 */
package io.leakwatch.trend;
