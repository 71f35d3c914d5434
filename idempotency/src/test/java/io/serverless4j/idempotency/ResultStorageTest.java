/*
 * Copyright 2026 The serverless4j authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.serverless4j.idempotency;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.serverless4j.events.Events;
import io.serverless4j.idempotency.spi.IdempotencyRecord;
import io.serverless4j.idempotency.spi.IdempotencyRecord.Status;
import io.serverless4j.testing.TestLambdaContext;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.temporal.ChronoUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/**
 * Results through the mapper: {@code java.time} round-trips with the default mapper; a result type the mapper can
 * never round-trip is refused before the key is taken; a value that fails at runtime keeps the lock until the
 * deadline; the events module's settings can be handed in.
 */
class ResultStorageTest {

    record Payment(String orderId, Instant paidAt) {}

    record Schedule(LocalDate day, ZonedDateTime at, OffsetDateTime offset, Duration length) {}

    /** Writes a value its creator refuses: serializes fine, never reads back. */
    static final class Doubling {
        private final int value;

        @JsonCreator
        Doubling(@JsonProperty("value") int value) {
            if (value > 1) {
                throw new IllegalArgumentException("value " + value + " is over 1");
            }
            this.value = value;
        }

        public int getValue() {
            return value * 2;
        }
    }

    /** A getter that fails for one value: the type is fine, one value is not. */
    public static final class Flaky {
        public String value;

        public Flaky() {}

        Flaky(String value) {
            this.value = value;
        }

        public String getValue() {
            if ("boom".equals(value)) {
                throw new IllegalStateException("getter failed");
            }
            return value;
        }
    }

    private static final Instant PAID_AT = Instant.parse("2026-11-25T12:00:00.123456789Z");

    private final InMemoryIdempotencyStore store = new InMemoryIdempotencyStore();
    private final MutableClock clock = MutableClock.startingNow();
    private final AtomicInteger executions = new AtomicInteger();

    private Idempotency.Builder builder() {
        // No local cache: repeats read the stored JSON back.
        return Idempotency.builder().store(store).keyPrefix("payments").clock(clock).localCacheMaxEntries(0);
    }

    private Payment pay() {
        executions.incrementAndGet();
        return new Payment("o-1", PAID_AT);
    }

    @Test
    void anInstantResultRoundTripsWithTheDefaultMapperAsAnIsoString() {
        Idempotency idempotency = builder().build();

        Payment first = idempotency.execute("o-1", "p", null, Payment.class, this::pay);
        Payment replayed = idempotency.execute("o-1", "p", null, Payment.class, this::pay);

        assertThat(replayed).isEqualTo(first).isEqualTo(new Payment("o-1", PAID_AT));
        assertThat(executions).hasValue(1);
        assertThat(store.record(idempotency.hashedKey("o-1")).orElseThrow().data())
                .isEqualTo("{\"orderId\":\"o-1\",\"paidAt\":\"2026-11-25T12:00:00.123456789Z\"}");
    }

    @Test
    void otherJavaTimeValuesReadBackEqualWithTheirOffsetsAndZones() {
        Idempotency idempotency = builder().build();
        Schedule schedule = new Schedule(LocalDate.of(2026, 11, 25),
                ZonedDateTime.of(2026, 11, 25, 9, 30, 0, 0, ZoneId.of("Europe/Paris")),
                OffsetDateTime.of(2026, 11, 25, 9, 30, 0, 0, ZoneOffset.ofHours(-5)), Duration.ofMinutes(90));

        idempotency.execute("s-1", "p", null, Schedule.class, () -> schedule);
        Schedule replayed = idempotency.execute("s-1", "p", null, Schedule.class, () -> null);

        assertThat(replayed).isEqualTo(schedule);
        assertThat(store.record(idempotency.hashedKey("s-1")).orElseThrow().data())
                .contains("\"2026-11-25\"").contains("[Europe/Paris]").contains("-05:00").contains("\"PT1H30M\"");
    }

    @Test
    void withAPlainObjectMapperAnInstantResultIsRefusedBeforeTheWorkRunsAndNoKeyIsTaken() {
        Idempotency idempotency = builder().objectMapper(new ObjectMapper()).build();

        for (int call = 0; call < 2; call++) {
            assertThatThrownBy(() -> idempotency.execute("o-1", "p", TestLambdaContext.onFakeClock(
                    Duration.ofSeconds(30)), Payment.class, this::pay))
                    .isInstanceOfSatisfying(IdempotencyResultException.class, e -> {
                        assertThat(e.workRan()).isFalse();
                        assertThat(e.getMessage()).contains("property 'paidAt'").contains("jackson-datatype-jsr310")
                                .contains("Nothing ran and the key was not taken")
                                .contains(idempotency.hashedKey("o-1"));
                    });
        }
        assertThat(executions).hasValue(0);
        assertThat(store.size()).isZero();
    }

    @Test
    void theEventsModulesJsonSettingsCanBeHandedIn() {
        Idempotency idempotency = builder().objectMapper(Events.objectMapper()).build();

        Payment first = idempotency.execute("o-1", "p", null, Payment.class, this::pay);
        Payment replayed = idempotency.execute("o-1", "p", null, Payment.class, this::pay);
        idempotency.execute("o-2", "p", null, Payment.class, () -> new Payment("o-2", null));

        assertThat(replayed).isEqualTo(first);
        assertThat(executions).hasValue(1);
        assertThat(store.record(idempotency.hashedKey("o-2")).orElseThrow().data())
                .as("the events settings leave null fields out").isEqualTo("{\"orderId\":\"o-2\"}");
    }

    @Test
    void aResultValueThatFailsToSerializeKeepsTheLockUntilTheDeadlineAndRunsAgainOnlyAfterIt() {
        Idempotency idempotency = builder().build();
        Instant start = clock.instant();

        assertThatThrownBy(() -> idempotency.execute("f-1", "p", TestLambdaContext.onFakeClock(Duration.ofSeconds(20)),
                Flaky.class, () -> {
                    executions.incrementAndGet();
                    return new Flaky("boom");
                }))
                .isInstanceOfSatisfying(IdempotencyResultException.class, e -> {
                    assertThat(e.workRan()).isTrue();
                    assertThat(e.getMessage()).contains("after the work ran").contains("IN_PROGRESS")
                            .contains("at-least-once");
                });
        IdempotencyRecord lock = store.record(idempotency.hashedKey("f-1")).orElseThrow();
        assertThat(lock.status()).isEqualTo(Status.IN_PROGRESS);
        assertThat(lock.inProgressExpiration()).isEqualTo(start.plusSeconds(20).truncatedTo(ChronoUnit.MILLIS));

        clock.advance(Duration.ofSeconds(20));
        assertThatThrownBy(() -> idempotency.execute("f-1", "p", null, Flaky.class, () -> new Flaky("never")))
                .isInstanceOf(IdempotencyInProgressException.class);
        clock.advance(Duration.ofMillis(1));
        assertThat(idempotency.execute("f-1", "p", null, Flaky.class, () -> {
            executions.incrementAndGet();
            return new Flaky("fine");
        }).value).isEqualTo("fine");
        assertThat(executions).hasValue(2);
    }

    @Test
    void aResultThatWouldNotReadBackIsNeverStoredAsCompleted() {
        Idempotency idempotency = builder().build();

        assertThatThrownBy(() -> idempotency.execute("d-1", "p", TestLambdaContext.onFakeClock(Duration.ofSeconds(20)),
                Doubling.class, () -> new Doubling(1)))
                .isInstanceOfSatisfying(IdempotencyResultException.class, e -> assertThat(e.workRan()).isTrue());
        assertThat(store.record(idempotency.hashedKey("d-1")).orElseThrow().status()).isEqualTo(Status.IN_PROGRESS);
    }

    @Test
    void primingRefusesASampleResultThatCouldNeverBeStored() {
        Idempotency idempotency = builder().objectMapper(new ObjectMapper()).build();
        assertThatThrownBy(() -> idempotency.prime("p", new Payment("o-1", PAID_AT)))
                .isInstanceOf(IdempotencyResultException.class);
        builder().build().prime("p", new Payment("o-1", PAID_AT));
        assertThat(store.size()).isZero();
    }
}
