package io.syncbridge.domain.state;

import io.syncbridge.domain.error.SyncError;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/** An RFC 6901 JSON Pointer: the address of a node in a state document. */
public record JsonPointer(List<String> tokens) {

    public static final JsonPointer ROOT = new JsonPointer(List.of());

    public JsonPointer {
        tokens = List.copyOf(tokens);
    }

    /** Parses pointer text ("" is the root, otherwise it starts with '/'); throws SyncError.InvalidPath. */
    public static JsonPointer parse(String text) {
        if (text.isEmpty()) {
            return ROOT;
        }
        if (text.charAt(0) != '/') {
            throw new SyncError.InvalidPath(text, "A JSON Pointer is empty or starts with '/': " + text);
        }
        List<String> tokens = new ArrayList<>();
        StringBuilder token = new StringBuilder();
        // One left-to-right pass decodes "~01" as "~1", the order RFC 6901 section 4 requires.
        for (int i = 1; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == '/') {
                tokens.add(token.toString());
                token.setLength(0);
            } else if (c == '~') {
                char next = i + 1 < text.length() ? text.charAt(i + 1) : '\0';
                if (next != '0' && next != '1') {
                    throw new SyncError.InvalidPath(text,
                            "'~' must be followed by '0' or '1' in a JSON Pointer (offset " + i + "): " + text);
                }
                token.append(next == '0' ? '~' : '/');
                i++;
            } else {
                token.append(c);
            }
        }
        tokens.add(token.toString());
        return new JsonPointer(tokens);
    }

    /** The pointer to a top-level member (the v1 wire's key). */
    public static JsonPointer ofKey(String key) {
        return new JsonPointer(List.of(key));
    }

    public boolean isRoot() {
        return tokens.isEmpty();
    }

    /** The parent pointer; the root has none (throws). */
    public JsonPointer parent() {
        requireNotRoot("parent");
        return new JsonPointer(tokens.subList(0, tokens.size() - 1));
    }

    /** The last reference token; the root has none (throws). */
    public String lastToken() {
        requireNotRoot("last token");
        return tokens.get(tokens.size() - 1);
    }

    /** The pointer to the member or element {@code token} under this one. */
    public JsonPointer child(String token) {
        Objects.requireNonNull(token, "token");
        List<String> extended = new ArrayList<>(tokens.size() + 1);
        extended.addAll(tokens);
        extended.add(token);
        return new JsonPointer(extended);
    }

    /** True when this is {@code other} or an ancestor of it (its tokens start {@code other}'s). */
    public boolean isPrefixOf(JsonPointer other) {
        int size = tokens.size();
        return size <= other.tokens.size() && other.tokens.subList(0, size).equals(tokens);
    }

    /** True when this is {@code other}, an ancestor of it or a descendant of it. */
    public boolean overlaps(JsonPointer other) {
        return isPrefixOf(other) || other.isPrefixOf(this);
    }

    /** The pointer text with ~0 / ~1 escapes. */
    @Override
    public String toString() {
        StringBuilder text = new StringBuilder();
        for (String token : tokens) {
            text.append('/').append(token.replace("~", "~0").replace("/", "~1"));
        }
        return text.toString();
    }

    private void requireNotRoot(String what) {
        if (isRoot()) {
            throw new SyncError.InvalidPath("", "The root pointer has no " + what);
        }
    }
}
