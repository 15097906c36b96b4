/**
 * The REST API ({@code /v1}): one {@code *Routes} class per group of endpoints, the request and
 * response shapes ({@link io.syncbridge.adapter.javalin.rest.WireInput}, {@link
 * io.syncbridge.adapter.javalin.rest.Views}), and what surrounds every request ({@link
 * io.syncbridge.adapter.javalin.rest.EdgeFilters}: request ids, CORS, body limit, rate limit,
 * access log; {@link io.syncbridge.adapter.javalin.rest.ErrorResponses}: one error shape).
 * The contract is described in {@code docs/rest.md}.
 */
package io.syncbridge.adapter.javalin.rest;
