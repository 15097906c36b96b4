package io.syncbridge.domain.state;

/** Bounds on a state document: its encoded size in UTF-8 bytes and its nesting depth. */
public record StateLimits(int maxBytes, int maxDepth) {

    /** 1 MiB and 32 levels: room for any real session, far from what would hurt a node. */
    public static final StateLimits DEFAULT = new StateLimits(1_048_576, 32);

    public StateLimits {
        if (maxBytes < 2) {
            throw new IllegalArgumentException("maxBytes must be at least 2");
        }
        if (maxDepth < 1) {
            throw new IllegalArgumentException("maxDepth must be at least 1");
        }
    }
}
