/*
 * Copyright 2026 The serverless4j authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.serverless4j.idempotency.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class ResultCacheTest {

    private static final Instant NOW = Instant.parse("2026-11-25T00:00:00Z");

    private static ResultCache.Entry entry(String data, Instant expiration) {
        return new ResultCache.Entry(data, null, expiration);
    }

    @Test
    void evictsTheLeastRecentlyUsedEntryBeyondItsBound() {
        ResultCache cache = new ResultCache(2);
        cache.put("a", entry("1", NOW.plusSeconds(60)));
        cache.put("b", entry("2", NOW.plusSeconds(60)));
        cache.get("a", NOW);
        cache.put("c", entry("3", NOW.plusSeconds(60)));

        assertThat(cache.get("b", NOW)).isNull();
        assertThat(cache.get("a", NOW).data()).isEqualTo("1");
        assertThat(cache.get("c", NOW).data()).isEqualTo("3");
        assertThat(cache.size()).isEqualTo(2);
    }

    @Test
    void dropsAnEntryOnceItsRecordHasExpired() {
        ResultCache cache = new ResultCache(10);
        cache.put("a", entry("1", NOW.plusSeconds(60)));

        assertThat(cache.get("a", NOW.plusSeconds(60))).isNotNull();
        assertThat(cache.get("a", NOW.plusSeconds(61))).isNull();
        assertThat(cache.size()).isZero();
    }

    @Test
    void aBoundOfZeroDisablesIt() {
        ResultCache cache = new ResultCache(0);
        cache.put("a", entry("1", NOW.plusSeconds(60)));
        assertThat(cache.get("a", NOW)).isNull();
        assertThatThrownBy(() -> new ResultCache(-1)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void staysWithinItsBoundUnderConcurrentUse() throws Exception {
        ResultCache cache = new ResultCache(100);
        ExecutorService pool = Executors.newFixedThreadPool(8);
        for (int t = 0; t < 8; t++) {
            int thread = t;
            pool.submit(() -> {
                for (int i = 0; i < 10_000; i++) {
                    String id = thread + "-" + (i % 300);
                    cache.put(id, entry("x", NOW.plusSeconds(60)));
                    cache.get(thread + "-" + (i % 150), NOW);
                }
            });
        }
        pool.shutdown();
        assertThat(pool.awaitTermination(60, TimeUnit.SECONDS)).isTrue();
        assertThat(cache.size()).isEqualTo(100);
    }
}
