/**
 * Leak alerts: policy (deduplication) and sinks.
 *
 * <p>Flow: the detection/analysis produce {@link io.leakwatch.alert.LeakNotice}s;
 * {@link io.leakwatch.alert.AlertDeduplicator} turns them into {@link io.leakwatch.alert.Alert}s (a
 * new leak at once, the same one again after {@link io.leakwatch.alert.AlertPolicy#repeatInterval()}
 * or after it grew by {@link io.leakwatch.alert.AlertPolicy#growthFactor()}, a cleared one as a
 * resolve, a leak no longer reported only after {@link io.leakwatch.alert.AlertPolicy#resolveHoldOff()}
 * so it cannot flap); {@link io.leakwatch.alert.AlertOutbox} persists them per sink and delivers them with
 * back-off; the sinks ({@link io.leakwatch.alert.AlertmanagerSink},
 * {@link io.leakwatch.alert.WebhookSink}, {@link io.leakwatch.alert.SlackSink},
 * {@link io.leakwatch.alert.LogSink}) each make one attempt within their timeouts.
 * {@link io.leakwatch.alert.AlertService} ties the three together.
 *
 * <p>State on disk, under {@code <data dir>/alerts/}: the outbox (one file per sink and alert) and
 * the deduplicator's firing leaks ({@code dedup.json}, a {@link io.leakwatch.alert.StateFile}:
 * 0600, replaced atomically, a damaged one set aside), so a restarted daemon neither loses an
 * alert nor sends one again. When the disk refuses a write both go on in memory and report it to a
 * {@link io.leakwatch.alert.StoreFailureListener}.
 *
 * <p>A delivery fails as a value: retryable when the receiver is down, slow, or answers 5xx/408/429;
 * permanent for other 4xx (the outbox then moves the alert to {@code dead/}).
 */
package io.leakwatch.alert;
