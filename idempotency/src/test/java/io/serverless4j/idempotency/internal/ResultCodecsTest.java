/*
 * Copyright 2026 The serverless4j authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.serverless4j.idempotency.internal;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.annotation.JsonSubTypes;
import com.fasterxml.jackson.annotation.JsonTypeInfo;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.JavaType;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZonedDateTime;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** Which result types are refused before any key is taken: those the mapper can never round-trip. */
class ResultCodecsTest {

    record Receipt(String orderId, int charged) {}

    record Paid(String orderId, Instant paidAt) {}

    record Node(String name, List<Node> children) {}

    record WithOptional(Optional<String> note) {}

    static final class Empty {}

    static final class NoCreator {
        private final String id;

        NoCreator(String id, int unused) {
            this.id = id;
        }

        public String getId() {
            return id;
        }
    }

    abstract static class Shape {
        public int size;
    }

    @JsonTypeInfo(use = JsonTypeInfo.Id.NAME)
    @JsonSubTypes(@JsonSubTypes.Type(value = Circle.class, name = "circle"))
    interface Typed {}

    record Circle(int radius) implements Typed {}

    private static final ObjectMapper PLAIN = new ObjectMapper();
    private static final ObjectMapper WITH_TIME = JsonMapper.builder().addModule(new JavaTimeModule())
            .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS).build();

    private static String problem(ObjectMapper mapper, JavaType type) {
        return new ResultCodecs(mapper).forType(type).problem();
    }

    private static String problem(ObjectMapper mapper, Class<?> type) {
        return problem(mapper, mapper.constructType(type));
    }

    private static String problem(ObjectMapper mapper, TypeReference<?> type) {
        return problem(mapper, mapper.constructType(type));
    }

    @Test
    void everydayTypesAreStorable() {
        for (Class<?> type : new Class<?>[] {String.class, Integer.class, int.class, Void.class, Object.class,
                Boolean.class, JsonNode.class, Receipt.class, Node.class, Typed.class, byte[].class, Map.class}) {
            assertThat(problem(PLAIN, type)).as(type.getName()).isNull();
        }
        assertThat(problem(PLAIN, new TypeReference<List<Receipt>>() {})).isNull();
        assertThat(problem(PLAIN, new TypeReference<Map<String, List<Receipt>>>() {})).isNull();
    }

    @Test
    void javaTimeTypesAreStorableWithTheModuleAndRefusedWithoutIt() {
        for (Class<?> type : new Class<?>[] {Instant.class, LocalDate.class, ZonedDateTime.class, Paid.class}) {
            assertThat(problem(WITH_TIME, type)).as(type.getName()).isNull();
            assertThat(problem(PLAIN, type)).as(type.getName()).contains("jackson-datatype-jsr310");
        }
        assertThat(problem(PLAIN, Paid.class)).contains("property 'paidAt'");
        assertThat(problem(PLAIN, new TypeReference<List<Instant>>() {})).contains("element type java.time.Instant");
        assertThat(problem(PLAIN, new TypeReference<Map<String, Paid>>() {})).contains("paidAt");
        assertThat(problem(WITH_TIME, new TypeReference<Map<String, List<Paid>>>() {})).isNull();
    }

    @Test
    void optionalWithoutItsModuleIsRefused() {
        assertThat(problem(PLAIN, WithOptional.class)).contains("jackson-datatype-jdk8");
    }

    @Test
    void beansJacksonCannotWriteOrReadBackAreRefused() {
        assertThat(problem(PLAIN, Empty.class)).contains("no properties");
        assertThat(problem(PLAIN.copy().disable(SerializationFeature.FAIL_ON_EMPTY_BEANS), Empty.class))
                .as("the mapper writes {} and reads it back").isNull();
        assertThat(problem(PLAIN, NoCreator.class)).contains("no creator");
        assertThat(problem(PLAIN, Shape.class)).contains("abstract");
    }

    @Test
    void theAnswerIsKeptPerType() {
        ResultCodecs codecs = new ResultCodecs(PLAIN);
        JavaType type = PLAIN.constructType(Paid.class);
        assertThat(codecs.forType(type)).isSameAs(codecs.forType(PLAIN.constructType(Paid.class)));
    }
}
