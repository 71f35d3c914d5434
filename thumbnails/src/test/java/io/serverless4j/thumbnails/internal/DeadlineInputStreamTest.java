/*
 * Copyright 2026 The serverless4j authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.serverless4j.thumbnails.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.serverless4j.core.Invocation;
import io.serverless4j.testing.TestLambdaContext;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.time.Duration;
import java.util.Random;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/** A body read through {@link DeadlineInputStream}: unchanged while time lasts, given up at the deadline. */
class DeadlineInputStreamTest {

    /** A body that sends {@code head} bytes, then nothing until released, then ends. */
    private static final class StallingBody extends InputStream {
        final CountDownLatch release = new CountDownLatch(1);
        final CountDownLatch stalled = new CountDownLatch(1);
        int head;
        volatile boolean closed;

        StallingBody(int head) {
            this.head = head;
        }

        @Override
        public int read() throws IOException {
            if (head > 0) {
                head--;
                return 7;
            }
            stalled.countDown();
            try {
                release.await();
            } catch (InterruptedException e) {
                throw new IOException(e);
            }
            return -1;
        }

        @Override
        public void close() {
            closed = true;
        }
    }

    @Test
    void passesTheBodyThroughUnchangedWhileTimeIsLeft() throws IOException {
        byte[] body = new byte[300_000];
        new Random(3).nextBytes(body);
        AtomicInteger aborts = new AtomicInteger();
        Invocation invocation = Invocation.of(TestLambdaContext.withRemainingTime(Duration.ofSeconds(30)));

        try (DeadlineInputStream in = new DeadlineInputStream(new ByteArrayInputStream(body),
                aborts::incrementAndGet, invocation, 0)) {
            assertThat(in.readAllBytes()).isEqualTo(body);
            assertThat(in.read()).isEqualTo(-1);
            assertThat(in.deadlineReached()).isFalse();
        }
        assertThat(aborts).hasValue(0);
    }

    @Test
    void aBodyThatFallsSilentIsGivenUpAtTheDeadlineLessTheMarginAndAbortedWhenItsReadReturns()
            throws InterruptedException {
        StallingBody body = new StallingBody(10);
        AtomicInteger aborts = new AtomicInteger();
        CountDownLatch aborted = new CountDownLatch(1);
        Invocation invocation = Invocation.of(TestLambdaContext.withRemainingTime(Duration.ofMillis(700)));
        DeadlineInputStream in = new DeadlineInputStream(body, () -> {
            aborts.incrementAndGet();
            aborted.countDown();
        }, invocation, Duration.ofMillis(300).toNanos());
        byte[] buffer = new byte[100];

        long start = System.nanoTime();
        assertThatThrownBy(() -> in.readNBytes(buffer, 0, 100))
                .isInstanceOf(DeadlineInputStream.DeadlineReached.class)
                .hasMessageContaining("sent nothing more");
        Duration took = Duration.ofNanos(System.nanoTime() - start);

        assertThat(took).isLessThan(Duration.ofMillis(700)).isGreaterThanOrEqualTo(Duration.ofMillis(350));
        assertThat(in.deadlineReached()).isTrue();
        assertThat(body.stalled.await(0, TimeUnit.SECONDS)).isTrue();
        assertThat(aborts).as("not while the read is stuck: that could block on its lock").hasValue(0);
        assertThatThrownBy(in::read).isInstanceOf(DeadlineInputStream.DeadlineReached.class);

        body.release.countDown();
        assertThat(aborted.await(5, TimeUnit.SECONDS)).as("aborted once the stuck read returned").isTrue();
        assertThat(aborts).hasValue(1);
    }

    @Test
    void withNoTimeLeftNothingIsReadAndTheBodyIsAbortedAtOnce() {
        AtomicInteger aborts = new AtomicInteger();
        Invocation invocation = Invocation.of(TestLambdaContext.withRemainingTime(Duration.ofMillis(100)));
        DeadlineInputStream in = new DeadlineInputStream(new ByteArrayInputStream(new byte[10]),
                aborts::incrementAndGet, invocation, Duration.ofMillis(200).toNanos());

        assertThatThrownBy(in::read).isInstanceOf(DeadlineInputStream.DeadlineReached.class)
                .hasMessageContaining("no time was left");
        assertThat(aborts).hasValue(1);
    }
}
