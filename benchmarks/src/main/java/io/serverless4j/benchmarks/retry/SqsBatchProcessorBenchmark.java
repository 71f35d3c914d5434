/*
 * Copyright 2026 The serverless4j authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.serverless4j.benchmarks.retry;

import io.serverless4j.events.BatchResponse;
import io.serverless4j.events.sqs.SqsEvent;
import io.serverless4j.events.sqs.SqsMessage;
import io.serverless4j.batch.SqsBatchProcessor;
import io.serverless4j.testing.events.SqsEvents;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.IntStream;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.infra.Blackhole;

/**
 * The batch processor's overhead per record against the plain loop a handler would otherwise write (try/catch per
 * record, collect the failed ids). The handler is almost free (it hashes the body) and every tenth record fails, so
 * what is measured is the bookkeeping. Side by side: {@code process_serverless4j} vs {@code process_plainLoop}.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
public class SqsBatchProcessorBenchmark {

    @Param({"10", "1000"})
    public int records;

    private SqsEvent event;
    private final SqsBatchProcessor processor = SqsBatchProcessor.builder().build();

    @Setup
    public void setUp() {
        event = SqsEvents.of(IntStream.range(0, records).mapToObj(i -> "{\"orderId\":\"o-" + i + "\"}")
                .toArray(String[]::new));
    }

    private static void work(SqsMessage message, Blackhole blackhole) {
        int hash = message.body().hashCode();
        blackhole.consume(hash);
        if (message.body().endsWith("0\"}")) {
            throw new IllegalStateException("every tenth record fails");
        }
    }

    @Benchmark
    public BatchResponse process_serverless4j(Blackhole blackhole) {
        return processor.process(event, null, (message, context) -> work(message, blackhole)).response();
    }

    @Benchmark
    public BatchResponse process_plainLoop(Blackhole blackhole) {
        List<String> failed = new ArrayList<>();
        for (SqsMessage message : event.records()) {
            try {
                work(message, blackhole);
            } catch (RuntimeException e) {
                failed.add(message.messageId());
            }
        }
        return BatchResponse.failed(failed);
    }
}
