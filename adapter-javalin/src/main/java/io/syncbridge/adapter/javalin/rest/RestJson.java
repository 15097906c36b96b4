package io.syncbridge.adapter.javalin.rest;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import io.syncbridge.adapter.javalin.json.JsonStream;

/** The gateway's Jackson configuration: exact numbers, strict documents, bounded nesting, no null fields. */
public final class RestJson {

    private RestJson() {
    }

    public static ObjectMapper mapper() {
        return JsonMapper.builder(JsonStream.factory())
                .nodeFactory(JsonNodeFactory.withExactBigDecimals(true))
                .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
                .enable(DeserializationFeature.USE_BIG_INTEGER_FOR_INTS)
                .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
                .enable(DeserializationFeature.FAIL_ON_READING_DUP_TREE_KEY)
                .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
                .disable(SerializationFeature.FAIL_ON_EMPTY_BEANS)
                // The v1 contract: an optional field with no value is left out, never null.
                .serializationInclusion(JsonInclude.Include.NON_NULL)
                .build();
    }
}
