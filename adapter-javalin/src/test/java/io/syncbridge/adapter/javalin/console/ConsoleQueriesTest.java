package io.syncbridge.adapter.javalin.console;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.syncbridge.adapter.javalin.rest.ApiException;
import io.syncbridge.port.out.SessionCatalogue.Search;
import io.syncbridge.port.out.SessionCatalogue.SortKey;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ConsoleQueriesTest {

    private static Search parse(Map<String, String> params) {
        return ConsoleQueries.search(params::get);
    }

    @Test
    void withoutParametersListsTheNewestFirstPage() {
        assertThat(parse(Map.of())).isEqualTo(new Search("", SortKey.CREATED, true, ConsoleQueries.DEFAULT_LIMIT, 0));
    }

    @Test
    void readsTextSortOrderAndPage() {
        Search search = parse(Map.of("q", "  ann ", "sort", "OWNER", "order", "asc", "limit", "50", "offset", "100"));

        assertThat(search).isEqualTo(new Search("ann", SortKey.OWNER, false, 50, 100));
    }

    @Test
    void refusesAnUnknownSortNamingTheKnownOnes() {
        assertThatThrownBy(() -> parse(Map.of("sort", "devices")))
                .isInstanceOfSatisfying(ApiException.class, e -> assertThat(e.status()).isEqualTo(400))
                .hasMessage("sort must be one of created, updated, expires, owner, name, id, not 'devices'");
    }

    @Test
    void refusesAnOrderOtherThanAscOrDesc() {
        assertThatThrownBy(() -> parse(Map.of("order", "up"))).hasMessage("order must be asc or desc, not 'up'");
    }

    @Test
    void refusesALimitOutsideOneToAHundredAndANegativeOrNonNumericOffset() {
        assertThatThrownBy(() -> parse(Map.of("limit", "0"))).hasMessage("limit must be from 1 to 100, not 0");
        assertThatThrownBy(() -> parse(Map.of("limit", "101"))).hasMessage("limit must be from 1 to 100, not 101");
        assertThatThrownBy(() -> parse(Map.of("offset", "-1")))
                .hasMessage("offset must be from 0 to 2147483647, not -1");
        assertThatThrownBy(() -> parse(Map.of("offset", "ten")))
                .isInstanceOf(ApiException.class).hasMessageStartingWith("offset must be a whole number");
    }

    @Test
    void refusesTooLongOrControlCharacterText() {
        assertThatThrownBy(() -> parse(Map.of("q", "x".repeat(129)))).hasMessage("q must be at most 128 characters");
        assertThatThrownBy(() -> parse(Map.of("q", "a\u0000b"))).hasMessage("q must not contain control characters");
    }
}
