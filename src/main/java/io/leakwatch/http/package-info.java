/**
 * The daemon's HTTP endpoint: {@code /metrics} in Prometheus text format, served by the
 * Prometheus client's own server (bound to 127.0.0.1:9464 unless configured otherwise).
 */
package io.leakwatch.http;
