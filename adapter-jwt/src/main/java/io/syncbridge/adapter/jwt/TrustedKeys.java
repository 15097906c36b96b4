package io.syncbridge.adapter.jwt;

import java.util.Objects;
import java.util.Optional;

/** Keys whose tokens are accepted, with the issuer and audience those tokens must name (when set). */
public record TrustedKeys(TokenKeys keys, Optional<String> issuer, Optional<String> audience) {

    public TrustedKeys {
        Objects.requireNonNull(keys, "keys");
        Objects.requireNonNull(issuer, "issuer");
        Objects.requireNonNull(audience, "audience");
    }

    public static TrustedKeys of(TokenKeys keys) {
        return new TrustedKeys(keys, Optional.empty(), Optional.empty());
    }
}
