/**
 * The operator's live console ({@code /console}): a plain HTML/JS page served from the jar, a
 * JSON listing and a Server-Sent-Events feed of every session's devices, changes and handoffs,
 * all behind one HTTP Basic credential from the configuration. Built on the core's
 * {@link io.syncbridge.port.in.MonitoringUseCase}.
 */
package io.syncbridge.adapter.javalin.console;
