/*
 * Copyright 2026 The serverless4j authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.serverless4j.events.eventbridge;

import com.fasterxml.jackson.annotation.JsonProperty;
import io.serverless4j.events.internal.Checks;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * The event an EventBridge schedule rule ({@code rate(...)} or {@code cron(...)}) sends: detail type
 * {@code Scheduled Event}, source {@code aws.events}, and an empty detail.
 *
 * <p>Required fields: {@code id}, {@code time}. Immutable and thread-safe.
 *
 * @param version the envelope version, {@code 0} (JSON {@code version})
 * @param id the event id (JSON {@code id})
 * @param detailType {@code Scheduled Event} (JSON {@code detail-type})
 * @param source {@code aws.events} (JSON {@code source})
 * @param account the account id (JSON {@code account})
 * @param time the scheduled time of this run (JSON {@code time}, ISO-8601)
 * @param region the region (JSON {@code region})
 * @param resources the ARN of the rule; never null (JSON {@code resources})
 */
public record ScheduledEvent(
        @JsonProperty("version") String version,
        @JsonProperty("id") String id,
        @JsonProperty("detail-type") String detailType,
        @JsonProperty("source") String source,
        @JsonProperty("account") String account,
        @JsonProperty("time") Instant time,
        @JsonProperty("region") String region,
        @JsonProperty("resources") List<String> resources) {

    /**
     * Validates and copies the components.
     *
     * @throws NullPointerException if {@code id} or {@code time} is null
     */
    public ScheduledEvent {
        Checks.required(id, "id");
        Checks.required(time, "time");
        resources = Checks.list(resources, "resources");
    }

    // AWS always sends "detail": {}; write it too so the JSON has the shape AWS documents.
    @JsonProperty("detail")
    private Map<String, Object> emptyDetail() {
        return Map.of();
    }

    /**
     * Returns the name of the rule that fired, taken from the first resource ARN
     * ({@code arn:aws:events:REGION:ACCOUNT:rule/NAME}).
     *
     * @return the rule name, or null when there is no rule ARN
     */
    public String ruleName() {
        for (String arn : resources) {
            int slash = arn.lastIndexOf('/');
            if (arn.contains(":rule/") && slash >= 0) {
                return arn.substring(slash + 1);
            }
        }
        return null;
    }
}
