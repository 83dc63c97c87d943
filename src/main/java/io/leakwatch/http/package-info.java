/**
 * The daemon's HTTP endpoint, served by the Prometheus client's own server (bound to
 * 127.0.0.1:9464 unless configured otherwise):
 * <ul>
 *   <li>{@code /metrics} in Prometheus text format;</li>
 *   <li>{@code /reports/<capture>/<file>}: the text, JSON and HTML reports of heap-dump captures,
 *       resolved by {@link io.leakwatch.capture.ReportFiles} so no request leaves the capture
 *       directory and no dump is ever served;</li>
 *   <li>{@code /-/healthy} for probes.</li>
 * </ul>
 *
 * <p>{@code http.tls} switches to HTTPS (TLS 1.2 and 1.3) with a PKCS12 keystore or a PEM file
 * ({@link io.leakwatch.http.TlsContexts}). {@code http.auth} puts every path behind basic
 * authentication against a bcrypt hash ({@link io.leakwatch.http.BcryptAuthenticator}); the
 * password itself is never in the config. Prometheus then scrapes with
 * {@code scheme: https}, {@code basic_auth} and {@code tls_config.ca_file}.
 *
 * <p>Slow clients: a request must arrive within 5 s and a response be read within 60 s, and the
 * pool grows on demand to 64 threads ({@link io.leakwatch.http.HttpServerLimits}), so connections
 * that send half a request cannot keep Prometheus out or make closing hang.
 */
package io.leakwatch.http;
