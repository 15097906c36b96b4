package io.syncbridge.port.out;

/** Driven port: one-way, salted, slow hashing of passwords. */
public interface PasswordHasher {

    /** An encoded hash that carries its own algorithm, parameters and salt. */
    String hash(char[] password);

    /** True when the password matches; in time independent of where they differ. */
    boolean matches(char[] password, String encodedHash);
}
