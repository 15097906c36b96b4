/**
 * Access tokens as JWTs: {@link io.syncbridge.adapter.jwt.JwtAccessTokens} implements the
 * {@link io.syncbridge.port.out.AccessTokens} port with nimbus-jose-jwt over interchangeable keys:
 * a shared HS256 secret ({@link io.syncbridge.adapter.jwt.HmacKeys}, legacy short secrets
 * included), RS256 / ES256 key pairs from PEM files with rotation by {@code kid} ({@link
 * io.syncbridge.adapter.jwt.KeyPairKeys}), and an external issuer's JWKS ({@link
 * io.syncbridge.adapter.jwt.RemoteJwksKeys}). {@link io.syncbridge.adapter.jwt.GrantCheckedTokens}
 * refuses a token whose grant the core has revoked.
 */
package io.syncbridge.adapter.jwt;
