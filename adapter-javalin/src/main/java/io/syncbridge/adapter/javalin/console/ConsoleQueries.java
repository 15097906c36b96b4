package io.syncbridge.adapter.javalin.console;

import io.syncbridge.adapter.javalin.rest.ApiException;
import io.syncbridge.port.out.SessionCatalogue;
import io.syncbridge.port.out.SessionCatalogue.Search;
import io.syncbridge.port.out.SessionCatalogue.SortKey;
import java.util.Arrays;
import java.util.Locale;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * Reads the console's search parameters ({@code q}, {@code sort}, {@code order}, {@code limit},
 * {@code offset}) into a catalogue search, refusing a bad one with a 400 that says what is expected.
 */
final class ConsoleQueries {

    /** A page of cards fills a wide screen without scrolling far. */
    static final int DEFAULT_LIMIT = 24;

    private static final Map<String, SortKey> SORT_KEYS = Arrays.stream(SortKey.values())
            .collect(Collectors.toUnmodifiableMap(SortKey::wireName, Function.identity()));
    private static final String SORT_NAMES = Arrays.stream(SortKey.values()).map(SortKey::wireName)
            .collect(Collectors.joining(", "));

    private ConsoleQueries() {
    }

    /** The search the parameters ask for; {@code param} gives a query parameter or null when absent. */
    static Search search(Function<String, String> param) {
        String text = orDefault(param.apply("q"), "");
        if (text.length() > Search.MAX_TEXT) {
            throw ApiException.invalidRequest("q must be at most " + Search.MAX_TEXT + " characters");
        }
        if (text.chars().anyMatch(Character::isISOControl)) {
            throw ApiException.invalidRequest("q must not contain control characters");
        }
        String sortName = orDefault(param.apply("sort"), SortKey.CREATED.wireName()).toLowerCase(Locale.ROOT);
        SortKey sort = SORT_KEYS.get(sortName);
        if (sort == null) {
            throw ApiException.invalidRequest("sort must be one of " + SORT_NAMES + ", not '" + sortName + "'");
        }
        String order = orDefault(param.apply("order"), "desc").toLowerCase(Locale.ROOT);
        if (!order.equals("asc") && !order.equals("desc")) {
            throw ApiException.invalidRequest("order must be asc or desc, not '" + order + "'");
        }
        int limit = whole(param.apply("limit"), "limit", DEFAULT_LIMIT, 1, Search.MAX_LIMIT);
        int offset = whole(param.apply("offset"), "offset", 0, 0, Integer.MAX_VALUE);
        return new SessionCatalogue.Search(text, sort, order.equals("desc"), limit, offset);
    }

    private static int whole(String text, String name, int fallback, int min, int max) {
        if (text == null || text.isBlank()) {
            return fallback;
        }
        int value;
        try {
            value = Integer.parseInt(text.strip());
        } catch (NumberFormatException e) {
            throw ApiException.invalidRequest(name + " must be a whole number from " + min + " to " + max
                    + ", not '" + text + "'");
        }
        if (value < min || value > max) {
            throw ApiException.invalidRequest(name + " must be from " + min + " to " + max + ", not " + value);
        }
        return value;
    }

    private static String orDefault(String value, String fallback) {
        return value == null || value.isBlank() ? fallback : value.strip();
    }
}
