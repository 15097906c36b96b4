/**
 * The REST API ({@code /v1}). {@link io.syncbridge.adapter.javalin.rest.RestApi} is its one entry
 * point, a Javalin plugin: it registers the error mapping (one error shape, {@code ErrorResponses}),
 * the edge filters around every request ({@code EdgeFilters}: request ids, CORS, body limit, rate
 * limit, access log) and one {@code *Routes} class per group of endpoints. Besides it, only what
 * other surfaces share is public: {@link io.syncbridge.adapter.javalin.rest.ApiException}, the
 * response shapes ({@link io.syncbridge.adapter.javalin.rest.Views}) and the JSON mapper
 * ({@link io.syncbridge.adapter.javalin.rest.RestJson}). The contract is described in {@code docs/rest.md}.
 */
package io.syncbridge.adapter.javalin.rest;
