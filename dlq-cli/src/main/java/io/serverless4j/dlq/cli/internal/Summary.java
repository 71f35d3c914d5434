/*
 * Copyright 2026 The serverless4j authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.serverless4j.dlq.cli.internal;

import io.serverless4j.dlq.DlqMessage;
import io.serverless4j.dlq.DlqReplayReport;
import java.io.PrintWriter;
import java.util.List;
import java.util.Locale;

/** Prints a report as the summary table the command ends with. Stateless. */
final class Summary {

    private static final int MAX_LISTED = 20;
    private static final int MAX_BODY = 200;

    private Summary() {}

    static void print(DlqReplayReport report, PrintWriter out, boolean restore) {
        String what = restore ? "Restore" : report.dryRun() ? "DLQ replay DRY RUN (nothing was moved)" : "DLQ replay";
        out.println();
        out.println(what + " " + (restore && report.stopReason() == DlqReplayReport.StopReason.EMPTY ? "finished"
                : stopped(report.stopReason())));
        row(out, restore ? "archive" : "DLQ", report.dlqUrl());
        row(out, "target", report.targetQueueUrl() == null ? "-" : report.targetQueueUrl());
        row(out, restore ? "sent" : report.dryRun() ? "would move" : "moved", report.moved());
        row(out, restore ? "skipped (dup/not moved)" : "skipped by filter", report.skippedByFilter());
        row(out, "failed", report.failed().size());
        if (!restore) {
            row(out, "kept (replay limit)", report.keptOverReplayLimit().size());
            if (!report.left().isEmpty() || !report.sentNotDeleted().isEmpty()) {
                row(out, "left (not sent)", report.left().size());
                row(out, "sent, not deleted", report.sentNotDeleted().size());
            }
        }
        row(out, "elapsed", String.format(Locale.ROOT, "%.2f s", report.elapsed().toMillis() / 1000.0));
        row(out, "rate", String.format(Locale.ROOT, "%.1f msgs/s", report.messagesPerSecond()));
        list(out, "Failed (still in the DLQ)", report.failed());
        list(out, "Kept over the replay limit (still in the DLQ)", report.keptOverReplayLimit());
        list(out, "Left unsent when the replay stopped (still in the DLQ)", report.left());
        list(out, "Sent but not deleted (in the target AND still in the DLQ: the next replay sends them again)",
                report.sentNotDeleted());
        if (!report.samples().isEmpty()) {
            out.println();
            out.println("Samples, as they would be sent:");
            for (DlqMessage sample : report.samples()) {
                String body = sample.body().length() > MAX_BODY ? sample.body().substring(0, MAX_BODY) + "..."
                        : sample.body();
                out.println("  " + sample.messageId() + "  group=" + (sample.messageGroupId() == null ? "-"
                        : sample.messageGroupId()) + "  attributes=" + sample.messageAttributes().keySet());
                out.println("    " + body);
            }
        }
        out.flush();
    }

    private static String stopped(DlqReplayReport.StopReason reason) {
        switch (reason) {
            case EMPTY:
                return "finished: no more messages";
            case MAX_MESSAGES:
                return "stopped: --max-messages reached";
            case TIME_LIMIT:
                return "stopped: --time-limit reached";
            case DEADLINE:
                return "stopped: the Lambda deadline";
            case INTERRUPTED:
                return "stopped: interrupted";
            default:
                return "ABORTED";
        }
    }

    private static void row(PrintWriter out, String name, Object value) {
        out.println(String.format(Locale.ROOT, "  %-24s %s", name, value));
    }

    private static void list(PrintWriter out, String title, List<DlqReplayReport.NotMoved> messages) {
        if (messages.isEmpty()) {
            return;
        }
        out.println();
        out.println(title + (messages.size() > MAX_LISTED ? ", first " + MAX_LISTED + " of " + messages.size() : "")
                + ":");
        messages.stream().limit(MAX_LISTED).forEach(m -> out.println("  " + m.messageId() + "  " + m.reason()));
    }
}
