/*
 * Copyright 2026 The serverless4j authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.serverless4j.batch;

import io.serverless4j.testing.TestLambdaContext;
import static org.assertj.core.api.Assertions.assertThat;

import io.serverless4j.events.BatchResponse;
import io.serverless4j.events.sqs.SqsEvent;
import io.serverless4j.events.sqs.SqsMessage;
import io.serverless4j.batch.SqsBatchResult.Reason;
import io.serverless4j.batch.SqsBatchResult.RecordFailure;
import io.serverless4j.testing.events.SqsEvents;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class SqsBatchProcessorTest {

    private final ExecutorService pool = Executors.newFixedThreadPool(8);

    @AfterEach
    void stopPool() {
        pool.shutdownNow();
    }

    private static List<String> failedIds(SqsBatchResult result) {
        return result.response().batchItemFailures().stream().map(BatchResponse.ItemFailure::itemIdentifier).toList();
    }

    private static SqsEvent concat(SqsEvent... events) {
        List<SqsMessage> all = new ArrayList<>();
        for (SqsEvent e : events) {
            all.addAll(e.records());
        }
        return new SqsEvent(all);
    }

    @Test
    void reportsExactlyTheRecordsWhoseHandlerThrew() {
        SqsEvent event = SqsEvents.of("ok-1", "bad-2", "ok-3", "bad-4");
        SqsBatchResult result = SqsBatchProcessor.builder().build().process(event, null, (m, c) -> {
            if (m.body().startsWith("bad")) {
                throw new IllegalStateException("cannot " + m.body());
            }
        });

        assertThat(failedIds(result)).containsExactly(event.records().get(1).messageId(),
                event.records().get(3).messageId());
        assertThat(result.failed()).allSatisfy(f -> {
            assertThat(f.reason()).isEqualTo(Reason.FAILED);
            assertThat(f.cause()).hasMessageStartingWith("cannot bad");
        });
        assertThat(result.allFailed()).isFalse();
    }

    @Test
    void anEmptyBatchAndAFullySuccessfulOneReportNothing() {
        SqsBatchProcessor processor = SqsBatchProcessor.builder().build();
        assertThat(processor.process(new SqsEvent(List.of()), null, (m, c) -> { }).response().batchItemFailures())
                .isEmpty();
        SqsBatchResult ok = processor.process(SqsEvents.of("a", "b"), null, (m, c) -> { });
        assertThat(ok.response().batchItemFailures()).isEmpty();
        assertThat(ok.allFailed()).isFalse();
    }

    @Test
    void signalsWhenEveryRecordFailed() {
        SqsBatchResult result = SqsBatchProcessor.builder().build().process(SqsEvents.of("a", "b"), null, (m, c) -> {
            throw new IllegalStateException("down");
        });
        assertThat(result.allFailed()).isTrue();
    }

    @Test
    void fifoSkipsOnlyTheRestOfTheFailedGroup() {
        SqsEvent event = concat(SqsEvents.fifo("g1", "g1-a", "g1-bad", "g1-c"), SqsEvents.fifo("g2", "g2-a", "g2-b"));
        List<String> ran = new ArrayList<>();
        SqsBatchResult result = SqsBatchProcessor.builder().build().process(event, null, (m, c) -> {
            ran.add(m.body());
            if (m.body().endsWith("bad")) {
                throw new IllegalStateException("bad");
            }
        });

        assertThat(ran).containsExactly("g1-a", "g1-bad", "g2-a", "g2-b");
        assertThat(result.failed()).extracting(RecordFailure::reason)
                .containsExactly(Reason.FAILED, Reason.SKIPPED_AFTER_GROUP_FAILURE);
        assertThat(failedIds(result)).containsExactly(event.records().get(1).messageId(),
                event.records().get(2).messageId());
    }

    @Test
    void fifoGroupsRunInParallelButEachInOrder() throws Exception {
        SqsEvent event = concat(SqsEvents.fifo("g1", "1-1", "1-2", "1-3"), SqsEvents.fifo("g2", "2-1", "2-2", "2-3"));
        ConcurrentHashMap<String, List<String>> order = new ConcurrentHashMap<>();
        CountDownLatch bothGroupsStarted = new CountDownLatch(2);
        SqsBatchResult result = SqsBatchProcessor.builder().executor(pool).build().process(event, null, (m, c) -> {
            String group = m.messageGroupId().orElseThrow();
            if (m.body().endsWith("-1")) {
                bothGroupsStarted.countDown();
                // Only returns once the other group has started too: proves the groups run at the same time.
                assertThat(bothGroupsStarted.await(5, java.util.concurrent.TimeUnit.SECONDS)).isTrue();
            }
            order.computeIfAbsent(group, g -> java.util.Collections.synchronizedList(new ArrayList<>())).add(m.body());
        });
        assertThat(result.failed()).isEmpty();
        assertThat(order.get("g1")).containsExactly("1-1", "1-2", "1-3");
        assertThat(order.get("g2")).containsExactly("2-1", "2-2", "2-3");
    }

    @Test
    void parallelProcessingOfAThousandRecordsReportsExactlyTheFailedOnesEveryTime() {
        SqsEvent event = SqsEvents.of(IntStream.range(0, 1000).mapToObj(i -> "m-" + i).toArray(String[]::new));
        SqsBatchProcessor processor = SqsBatchProcessor.builder().executor(pool).build();
        for (int run = 0; run < 30; run++) {
            Random random = new Random(run);
            Set<String> shouldFail = ConcurrentHashMap.newKeySet();
            for (SqsMessage m : event.records()) {
                if (random.nextInt(100) < 13) {
                    shouldFail.add(m.messageId());
                }
            }
            Set<String> handled = ConcurrentHashMap.newKeySet();
            SqsBatchResult result = processor.process(event, null, (m, c) -> {
                assertThat(handled.add(m.messageId())).as("ran once").isTrue();
                if (shouldFail.contains(m.messageId())) {
                    throw new IllegalStateException("random failure");
                }
            });
            assertThat(handled).hasSize(1000);
            assertThat(failedIds(result)).as("run %d", run).hasSize(shouldFail.size())
                    .containsExactlyInAnyOrderElementsOf(shouldFail).doesNotHaveDuplicates();
        }
    }

    @Test
    void nearTheDeadlineRecordsAreNotStartedAndReported() {
        SqsEvent event = SqsEvents.of("a", "b", "c");
        TestLambdaContext context = TestLambdaContext.onFakeClock(Duration.ofMillis(900));
        List<String> ran = new ArrayList<>();
        SqsBatchResult result = SqsBatchProcessor.builder().safetyMargin(Duration.ofSeconds(1)).build()
                .process(event, context, (m, c) -> ran.add(m.body()));
        assertThat(ran).isEmpty();
        assertThat(result.failed()).extracting(RecordFailure::reason)
                .containsOnly(Reason.NOT_STARTED_BEFORE_DEADLINE).hasSize(3);
    }

    @Test
    void withAnExecutorItStopsWaitingAtTheDeadlineAndReportsWhatHasNotFinished() {
        SqsEvent event = SqsEvents.of("fast", "stuck");
        CountDownLatch release = new CountDownLatch(1);
        TestLambdaContext context = TestLambdaContext.onFakeClock(Duration.ofMillis(1300));
        try {
            SqsBatchResult result = SqsBatchProcessor.builder().executor(pool).safetyMargin(Duration.ofSeconds(1))
                    .build().process(event, context, (m, c) -> {
                        if (m.body().equals("stuck")) {
                            release.await();
                        }
                    });
            assertThat(result.failed()).singleElement().satisfies(f -> {
                assertThat(f.messageId()).isEqualTo(event.records().get(1).messageId());
                assertThat(f.reason()).isEqualTo(Reason.NOT_FINISHED_BEFORE_DEADLINE);
            });
        } finally {
            release.countDown();
        }
    }

    @Test
    void aDecoratorWrapsEveryRecordAndMayDecideNotToRunIt() {
        SqsEvent event = SqsEvents.of("new", "seen");
        List<String> ran = new ArrayList<>();
        SqsBatchResult result = SqsBatchProcessor.builder()
                .decorator((m, c, next) -> {
                    if (!m.body().equals("seen")) {
                        next.run();
                    }
                })
                .build().process(event, null, (m, c) -> ran.add(m.body()));
        assertThat(ran).containsExactly("new");
        assertThat(result.failed()).isEmpty();
    }
}
