/*
 * Copyright 2026 The serverless4j authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.serverless4j.benchmarks.dlq;

import io.serverless4j.benchmarks.SvgBarChart;
import io.serverless4j.dlq.DlqReplayReport;
import io.serverless4j.dlq.DlqReplayer;
import io.serverless4j.testing.LocalSqs;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import java.util.function.ToLongFunction;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.ListMessageMoveTasksResultEntry;
import software.amazon.awssdk.services.sqs.model.Message;
import software.amazon.awssdk.services.sqs.model.QueueAttributeName;
import software.amazon.awssdk.services.sqs.model.SendMessageBatchRequestEntry;

/**
 * DLQ replay side by side, in one run, on one ElasticMQ: serverless4j's {@link DlqReplayer}, a naive
 * receive-1/send-1/delete-1 loop, and SQS's own StartMessageMoveTask (as ElasticMQ implements it: in memory,
 * without calls per message). Each contender moves the same number of messages from a fresh DLQ to its source
 * queue; the time runs from the first call to the DLQ being empty. I/O-bound, so a plain main rather than JMH.
 *
 * <pre>java -cp benchmarks/target/benchmarks.jar io.serverless4j.benchmarks.dlq.DlqReplayBenchmark [messages]</pre>
 */
public final class DlqReplayBenchmark {

    private DlqReplayBenchmark() {}

    /** One contender's result. */
    record Result(String name, int messages, Duration elapsed) {
        double messagesPerSecond() {
            return messages / (elapsed.toNanos() / 1e9);
        }
    }

    /**
     * Runs every contender once (after a small warm-up of each) and prints msgs/s and the ratios.
     *
     * @param args optional: the number of messages (default 10,000)
     * @throws Exception when a contender fails
     */
    public static void main(String[] args) throws Exception {
        int messages = args.length > 0 ? Integer.parseInt(args[0]) : 10_000;
        try (LocalSqs local = LocalSqs.start(0); SqsClient sqs = local.configure(SqsClient.builder()).build()) {
            System.out.printf("DLQ replay benchmark: %d messages per contender, ElasticMQ 1.7.1 in this JVM at %s, "
                    + "Java %s, %d cores%n", messages, local.endpoint(), System.getProperty("java.version"),
                    Runtime.getRuntime().availableProcessors());
            // Warm-up: JIT and connection pools, 500 messages each, not reported.
            ours(sqs, 500, 4);
            naive(sqs, 500);
            moveTask(sqs, 500);

            List<Result> results = new ArrayList<>();
            results.add(ours(sqs, messages, 4));
            results.add(ours(sqs, messages, 8));
            results.add(naive(sqs, messages));
            results.add(moveTask(sqs, messages));
            print(results);
        }
    }

    static Result ours(SqsClient sqs, int messages, int workers) {
        Queues queues = Queues.create(sqs, messages);
        long start = System.nanoTime();
        // Wait 0: end on the first empty receive, as the naive loop does (ElasticMQ's short polling is exact).
        DlqReplayReport report = DlqReplayer.builder().sqsClient(sqs).dlqUrl(queues.dlq()).workers(workers)
                .receiveWaitTime(Duration.ZERO).build().replay();
        Duration elapsed = Duration.ofNanos(System.nanoTime() - start);
        queues.verify(sqs, messages, report.moved());
        return new Result("serverless4j DlqReplayer, " + workers + " workers", messages, elapsed);
    }

    static Result naive(SqsClient sqs, int messages) {
        Queues queues = Queues.create(sqs, messages);
        long start = System.nanoTime();
        long moved = 0;
        while (true) {
            List<Message> received = sqs.receiveMessage(b -> b.queueUrl(queues.dlq()).maxNumberOfMessages(1)
                    .messageAttributeNames("All")).messages();
            if (received.isEmpty()) {
                break;
            }
            Message message = received.get(0);
            sqs.sendMessage(b -> b.queueUrl(queues.source()).messageBody(message.body())
                    .messageAttributes(message.messageAttributes()));
            sqs.deleteMessage(b -> b.queueUrl(queues.dlq()).receiptHandle(message.receiptHandle()));
            moved++;
        }
        Duration elapsed = Duration.ofNanos(System.nanoTime() - start);
        queues.verify(sqs, messages, moved);
        return new Result("naive receive-1/send-1/delete-1 loop", messages, elapsed);
    }

    static Result moveTask(SqsClient sqs, int messages) throws InterruptedException {
        Queues queues = Queues.create(sqs, messages);
        String dlqArn = sqs.getQueueAttributes(b -> b.queueUrl(queues.dlq())
                .attributeNames(QueueAttributeName.QUEUE_ARN)).attributes().get(QueueAttributeName.QUEUE_ARN);
        long start = System.nanoTime();
        sqs.startMessageMoveTask(b -> b.sourceArn(dlqArn));
        while (true) {
            List<ListMessageMoveTasksResultEntry> tasks = sqs.listMessageMoveTasks(b -> b.sourceArn(dlqArn))
                    .results();
            if (!tasks.isEmpty() && "COMPLETED".equals(tasks.get(0).status())) {
                break;
            }
            if (!tasks.isEmpty() && "FAILED".equals(tasks.get(0).status())) {
                throw new IllegalStateException("the move task failed: " + tasks.get(0));
            }
            Thread.sleep(1);
        }
        Duration elapsed = Duration.ofNanos(System.nanoTime() - start);
        queues.verify(sqs, messages, messages);
        return new Result("SQS StartMessageMoveTask (ElasticMQ, in memory)", messages, elapsed);
    }

    private static void print(List<Result> results) {
        System.out.println();
        System.out.printf("%-52s %10s %12s%n", "contender", "seconds", "msgs/s");
        for (Result result : results) {
            System.out.printf(Locale.ROOT, "%-52s %10.2f %12.0f%n", result.name(), result.elapsed().toNanos() / 1e9,
                    result.messagesPerSecond());
        }
        Result best = results.get(0).messagesPerSecond() >= results.get(1).messagesPerSecond()
                ? results.get(0) : results.get(1);
        Result naive = results.get(2);
        Result task = results.get(3);
        System.out.println();
        System.out.printf(Locale.ROOT, "ratio %s / naive loop: %.1fx%n", best.name(),
                best.messagesPerSecond() / naive.messagesPerSecond());
        System.out.printf(Locale.ROOT, "ratio %s / ElasticMQ move task: %.2fx%n", best.name(),
                best.messagesPerSecond() / task.messagesPerSecond());
        System.out.printf(Locale.ROOT, "ratio %s / real SQS move task cap (500 msg/s): %.1fx%n", best.name(),
                best.messagesPerSecond() / 500);
        List<SvgBarChart.Bar> bars = new ArrayList<>();
        for (Result result : results) {
            bars.add(new SvgBarChart.Bar(result.name(), result.messagesPerSecond(), result.name().contains("serverless4j")));
        }
        bars.add(new SvgBarChart.Bar("real SQS StartMessageMoveTask cap (documented)", 500, false));
        Path chart = Path.of(System.getProperty("chart.dir", "benchmarks/target/charts"), "dlq-replay.svg");
        try {
            SvgBarChart.write(chart, "DLQ replay, 10,000 messages, msgs/s", "msg/s", bars, true);
            System.out.println("chart: " + chart);
        } catch (java.io.IOException e) {
            System.out.println("chart not written: " + e);
        }
    }

    /** A fresh DLQ full of messages and the source queue whose redrive policy names it. */
    record Queues(String dlq, String source) {
        static Queues create(SqsClient sqs, int messages) {
            String id = UUID.randomUUID().toString().substring(0, 8);
            String dlq = sqs.createQueue(b -> b.queueName("bench-dlq-" + id)).queueUrl();
            String arn = sqs.getQueueAttributes(b -> b.queueUrl(dlq).attributeNames(QueueAttributeName.QUEUE_ARN))
                    .attributes().get(QueueAttributeName.QUEUE_ARN);
            String source = sqs.createQueue(b -> b.queueName("bench-" + id).attributes(Map.of(
                    QueueAttributeName.REDRIVE_POLICY,
                    "{\"maxReceiveCount\":\"3\",\"deadLetterTargetArn\":\"" + arn + "\"}"))).queueUrl();
            List<SendMessageBatchRequestEntry> batch = new ArrayList<>();
            for (int i = 0; i < messages; i++) {
                batch.add(SendMessageBatchRequestEntry.builder().id("e" + batch.size())
                        .messageBody("{\"type\":\"OrderPlaced\",\"order\":" + i + ",\"pad\":\""
                                + "x".repeat(200) + "\"}").build());
                if (batch.size() == 10 || i == messages - 1) {
                    List<SendMessageBatchRequestEntry> entries = List.copyOf(batch);
                    sqs.sendMessageBatch(b -> b.queueUrl(dlq).entries(entries));
                    batch.clear();
                }
            }
            return new Queues(dlq, source);
        }

        void verify(SqsClient sqs, int expected, long reportedMoved) {
            ToLongFunction<String> count = url -> {
                Map<QueueAttributeName, String> attributes = sqs.getQueueAttributes(b -> b.queueUrl(url)
                        .attributeNames(QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES,
                                QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES_NOT_VISIBLE)).attributes();
                return Long.parseLong(attributes.get(QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES))
                        + Long.parseLong(attributes.get(QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES_NOT_VISIBLE));
            };
            long inSource = count.applyAsLong(source);
            long inDlq = count.applyAsLong(dlq);
            if (inSource != expected || inDlq != 0 || reportedMoved != expected) {
                throw new IllegalStateException("expected " + expected + " moved, but the source has " + inSource
                        + ", the DLQ " + inDlq + ", reported " + reportedMoved);
            }
            sqs.deleteQueue(b -> b.queueUrl(source));
            sqs.deleteQueue(b -> b.queueUrl(dlq));
        }
    }
}
