package io.syncbridge.adapter.jwt;

import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.JWSSigner;

/** Keys this node signs its own tokens with (one signing key), and verifies them with (possibly several). */
public interface SigningKeys extends TokenKeys {

    /** The header of a token signed now: the algorithm and the signing key's {@code kid}, if any. */
    JWSHeader header();

    JWSSigner signer();
}
