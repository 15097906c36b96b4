package io.syncbridge.app.ops;

import java.util.LinkedHashSet;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads the metric names out of PromQL, loosely: what remains after string literals, label
 * matchers, range and subquery brackets, grouping clauses, numbers, durations, function calls and
 * keywords are taken away. Good enough for the project's own rules and dashboard, not a parser.
 */
final class PromQlNames {

    private static final Pattern STRING = Pattern.compile("\"(?:[^\"\\\\]|\\\\.)*\"|'(?:[^'\\\\]|\\\\.)*'");
    private static final Pattern MATCHERS = Pattern.compile("\\{[^}]*}");
    private static final Pattern RANGE = Pattern.compile("\\[[^]]*]");
    private static final Pattern GROUPING =
            Pattern.compile("\\b(by|without|on|ignoring|group_left|group_right)\\s*\\([^)]*\\)");
    private static final Pattern IDENTIFIER = Pattern.compile("[a-zA-Z_:][a-zA-Z0-9_:]*");
    private static final Set<String> KEYWORDS = Set.of("and", "or", "unless", "bool", "offset", "by", "without",
            "on", "ignoring", "group_left", "group_right", "inf", "nan", "Inf", "NaN", "e");

    private PromQlNames() {
    }

    static Set<String> of(String promql) {
        String text = STRING.matcher(promql).replaceAll(" ");
        text = MATCHERS.matcher(text).replaceAll(" ");
        text = RANGE.matcher(text).replaceAll(" ");
        text = GROUPING.matcher(text).replaceAll(" ");
        Set<String> names = new LinkedHashSet<>();
        Matcher identifier = IDENTIFIER.matcher(text);
        while (identifier.find()) {
            String name = identifier.group();
            boolean partOfNumber = identifier.start() > 0 && Character.isDigit(text.charAt(identifier.start() - 1));
            boolean call = text.substring(identifier.end()).stripLeading().startsWith("(");
            if (!partOfNumber && !call && !KEYWORDS.contains(name)) {
                names.add(name);
            }
        }
        return names;
    }
}
