/*
 * Copyright 2026 The serverless4j authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.serverless4j.dlq;

import io.serverless4j.testing.SqsQueues;
import static org.assertj.core.api.Assertions.assertThat;

import io.serverless4j.retry.Backoff;
import io.serverless4j.retry.RetryPolicy;
import io.serverless4j.testing.LocalAws;
import io.serverless4j.testing.TestLambdaContext;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import software.amazon.awssdk.services.sqs.SqsClient;

/**
 * The code shown in docs/dlq-replay.md and dlq/README.md, compiled and run here so the docs cannot drift. Each
 * snippet sits between {@code tag::name[]} and {@code end::name[]} comments; in the Markdown, the line before each
 * {@code ```java} fence is {@code <!-- snippet: <path from the repository root>#<tag> -->}, and the fence holds
 * exactly the dedented tagged region ({@link #everyJavaSnippetInTheDocsIsTheTaggedRegionOfCompiledCode()}).
 */
@ExtendWith(LocalAws.class)
class DlqReplayDocSnippetsIT {

    private static final Path ROOT = Path.of("").toAbsolutePath().getParent();
    private static final List<String> DOCS = List.of("docs/dlq-replay.md", "dlq/README.md", "dlq-cli/README.md");

    @Test
    void librarySnippet(SqsClient sqs) {
        SqsQueues.Pair queues = SqsQueues.pair(sqs, "orders");
        SqsQueues.sendBodies(sqs, queues.dlqUrl(), List.of("{\"type\":\"OrderPlaced\",\"id\":1}",
                "{\"type\":\"OrderCancelled\",\"id\":2}"));
        String dlqUrl = queues.dlqUrl();

        // tag::library[]
        DlqReplayer replayer = DlqReplayer.builder()
                .sqsClient(sqs)                                   // your client, your HTTP client
                .dlqUrl(dlqUrl)                                   // target: the queue whose redrive policy names it
                .filter(DlqFilters.jsonPointerEquals("/type", "OrderPlaced"))
                .transform(m -> m.withBody(m.body().replace("\"id\":", "\"orderId\":")))
                .maxMessagesPerSecond(200)
                .timeLimit(Duration.ofMinutes(10))
                .build();                                         // immutable: keep it in a static final field

        DlqReplayReport report = replayer.replay();
        if (!report.allSucceeded()) {
            report.failed().forEach(f -> System.err.println(f.messageId() + ": " + f.reason()));
            report.keptOverReplayLimit().forEach(k -> System.err.println(k.messageId() + ": " + k.reason()));
        }
        System.out.printf("moved %d, skipped %d, %.0f msgs/s%n", report.moved(), report.skippedByFilter(),
                report.messagesPerSecond());
        // end::library[]

        assertThat(report.moved()).isEqualTo(1);
        assertThat(report.skippedByFilter()).isEqualTo(1);
        assertThat(SqsQueues.drain(sqs, queues.sourceUrl())).singleElement()
                .satisfies(m -> assertThat(m.body()).isEqualTo("{\"type\":\"OrderPlaced\",\"orderId\":1}"));
    }

    @Test
    void dryRunSnippet(SqsClient sqs) {
        SqsQueues.Pair queues = SqsQueues.pair(sqs, "orders");
        SqsQueues.sendBodies(sqs, queues.dlqUrl(), List.of("{\"type\":\"OrderPlaced\"}"));
        DlqReplayer replayer = DlqReplayer.builder().sqsClient(sqs).dlqUrl(queues.dlqUrl()).build();

        // tag::dry-run[]
        DlqReplayReport preview = replayer.toBuilder().dryRun(true).sampleSize(5).build().replay();
        preview.samples().forEach(m -> System.out.println(m.messageId() + " " + m.body()));
        // end::dry-run[]

        assertThat(preview.moved()).isEqualTo(1);
        assertThat(SqsQueues.counts(sqs, queues.dlqUrl())).containsExactly(1, 0);
    }

    @Test
    void lambdaSnippet(SqsClient sqs) {
        SqsQueues.Pair queues = SqsQueues.pair(sqs, "nightly");
        SqsQueues.sendBodies(sqs, queues.dlqUrl(), SqsQueues.bodies("m", 12));
        DlqReplayer replayer = DlqReplayer.builder().sqsClient(sqs).dlqUrl(queues.dlqUrl()).build();
        TestLambdaContext context = TestLambdaContext.withRemainingTime(Duration.ofSeconds(30));

        // tag::lambda[]
        // In the handler: context is the Lambda Context the runtime passed in.
        DlqReplayReport report = replayer.replay(context);   // returns before the function would time out
        if (report.stopReason() == DlqReplayReport.StopReason.DEADLINE) {
            // Not an error: the rest is still in the DLQ, and the next scheduled run goes on from there.
            System.out.printf("moved %d; %d left in the DLQ, %d sent but not deleted (sent again next time)%n",
                    report.moved(), report.left().size(), report.sentNotDeleted().size());
        }
        // end::lambda[]

        assertThat(report.stopReason()).isEqualTo(DlqReplayReport.StopReason.EMPTY);
        assertThat(report.moved()).isEqualTo(12);
    }

    @Test
    void retryPolicySnippet(SqsClient sqs) {
        SqsQueues.Pair queues = SqsQueues.pair(sqs, "policy");
        SqsQueues.sendBodies(sqs, queues.dlqUrl(), List.of("a"));
        String dlqUrl = queues.dlqUrl();

        // tag::retry-policy[]
        DlqReplayer replayer = DlqReplayer.builder()
                .sqsClient(sqs)
                .dlqUrl(dlqUrl)
                .retryPolicy(RetryPolicy.builder()
                        .maxAttempts(5)                                   // per SQS call; a send entry at most 5 times
                        .throttledBackoff(Backoff.fullJitter(Duration.ofMillis(500), Duration.ofSeconds(10)))
                        .safetyMargin(Duration.ofSeconds(2))              // kept free before the Lambda deadline
                        .build())
                .build();
        // end::retry-policy[]

        assertThat(replayer.replay().moved()).isEqualTo(1);
    }

    @Test
    void everyJavaSnippetInTheDocsIsTheTaggedRegionOfCompiledCode() throws IOException {
        Pattern marker = Pattern.compile("<!-- snippet: ([^#]+)#([a-z0-9-]+) -->");
        List<String> checked = new ArrayList<>();
        for (String doc : DOCS) {
            List<String> lines = Files.readAllLines(ROOT.resolve(doc));
            for (int i = 0; i < lines.size(); i++) {
                if (!lines.get(i).strip().equals("```java")) {
                    continue;
                }
                Matcher named = marker.matcher(i == 0 ? "" : lines.get(i - 1).strip());
                assertThat(named.matches()).as("%s line %d: a ```java fence needs <!-- snippet: path#tag --> on the "
                        + "line before", doc, i + 1).isTrue();
                List<String> fenced = new ArrayList<>();
                for (int j = i + 1; !lines.get(j).strip().equals("```"); j++) {
                    fenced.add(lines.get(j));
                }
                String source = Files.readString(ROOT.resolve(named.group(1)));
                assertThat(String.join("\n", fenced)).as("%s line %d: %s#%s", doc, i + 1, named.group(1),
                        named.group(2)).isEqualTo(tagged(source, named.group(2)));
                checked.add(doc + "#" + named.group(2));
            }
        }
        assertThat(checked).as("snippets checked").contains("docs/dlq-replay.md#library", "docs/dlq-replay.md#lambda",
                "docs/dlq-replay.md#retry-policy", "docs/dlq-replay.md#dry-run", "dlq/README.md#lambda");
    }

    /** The dedented lines between {@code // tag::name[]} and {@code // end::name[]}. */
    private static String tagged(String source, String tag) {
        Matcher region = Pattern.compile("// tag::" + Pattern.quote(tag) + "\\[]\n(.*?)\n[ ]*// end::"
                + Pattern.quote(tag) + "\\[]", Pattern.DOTALL).matcher(source);
        assertThat(region.find()).as("tag %s", tag).isTrue();
        List<String> lines = region.group(1).lines().toList();
        int indent = lines.stream().filter(line -> !line.isBlank())
                .mapToInt(line -> line.length() - line.stripLeading().length()).min().orElse(0);
        return String.join("\n", lines.stream().map(line -> line.isBlank() ? "" : line.substring(indent)).toList());
    }
}
