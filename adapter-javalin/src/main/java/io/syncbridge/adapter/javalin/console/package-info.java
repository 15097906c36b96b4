/**
 * The operator's live console ({@code /console}): a plain HTML/JS page served from the jar, with
 * SVG charts of the core's activity timeline, a searchable and paged session list kept live by a
 * Server-Sent-Events feed, a page per session, and confirmed actions (remove a device, end a
 * session, restore a snapshot), all behind one HTTP Basic credential from the configuration whose
 * user is the operator the audit names. Built on the core's
 * {@link io.syncbridge.port.in.MonitoringUseCase} and {@link io.syncbridge.port.in.OperatorActionsUseCase};
 * an action is a POST that only the page sends (a confirmation header, a same-origin check).
 */
package io.syncbridge.adapter.javalin.console;
