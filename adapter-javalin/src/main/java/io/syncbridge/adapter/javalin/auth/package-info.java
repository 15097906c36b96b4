/**
 * Access tokens: {@link io.syncbridge.adapter.javalin.auth.AccessTokens} is what the REST routes
 * and the WebSocket gateway use; {@link io.syncbridge.adapter.javalin.auth.JwtAccessTokens}
 * implements it with nimbus-jose-jwt over interchangeable keys: a shared HS256 secret ({@link
 * io.syncbridge.adapter.javalin.auth.HmacKeys}, legacy short secrets included), RS256 / ES256 key
 * pairs from PEM files with rotation by {@code kid} ({@link
 * io.syncbridge.adapter.javalin.auth.KeyPairKeys}), and an external issuer's JWKS ({@link
 * io.syncbridge.adapter.javalin.auth.RemoteJwksKeys}).
 */
package io.syncbridge.adapter.javalin.auth;
