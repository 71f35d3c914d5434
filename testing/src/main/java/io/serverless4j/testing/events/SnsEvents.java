/*
 * Copyright 2026 The serverless4j authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.serverless4j.testing.events;

import io.serverless4j.events.sns.SnsEvent;
import io.serverless4j.events.sns.SnsNotification;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Builds SNS events as Lambda receives them from a topic subscription.
 *
 * <p>Stateless apart from a JVM-wide id counter; thread-safe.
 */
public final class SnsEvents {

    private SnsEvents() {
    }

    /**
     * Returns an event with one record per message, published to {@code topicArn} now.
     *
     * @param topicArn the topic ARN
     * @param messages the published messages
     * @return the event
     * @throws NullPointerException if an argument is null
     */
    public static SnsEvent of(String topicArn, String... messages) {
        Objects.requireNonNull(topicArn, "topicArn");
        List<SnsEvent.Record> records = new ArrayList<>();
        for (String message : messages) {
            String subscription = topicArn + ":" + TestIds.uuid();
            SnsNotification sns = new SnsNotification("Notification", TestIds.uuid(), topicArn, null,
                    Objects.requireNonNull(message, "message"), Instant.now(), "1", "dGVzdA==",
                    "https://sns." + TestIds.REGION + ".amazonaws.com/cert.pem",
                    "https://sns." + TestIds.REGION + ".amazonaws.com/?Action=Unsubscribe&SubscriptionArn="
                            + subscription, Map.of(), null);
            records.add(new SnsEvent.Record("1.0", subscription, "aws:sns", sns));
        }
        return new SnsEvent(records);
    }
}
