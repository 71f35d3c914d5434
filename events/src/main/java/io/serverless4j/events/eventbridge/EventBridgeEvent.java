/*
 * Copyright 2026 The serverless4j authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.serverless4j.events.eventbridge;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import io.serverless4j.events.EventParseException;
import io.serverless4j.events.internal.Checks;
import io.serverless4j.events.internal.Json;
import java.time.Instant;
import java.util.List;

/**
 * An EventBridge event of any detail type. The envelope is parsed eagerly; the {@code detail} is kept as a JSON
 * tree and bound to a type only when asked, with {@link #detail(Class)} or {@link #detail(TypeReference)}.
 *
 * <p>Required fields: {@code id}, {@code detail-type}, {@code source}, {@code time}. A missing {@code detail} is
 * read as {@code {}}. Immutable and thread-safe: {@link #detail()} returns a copy of the tree.
 *
 * @param version the envelope version, {@code 0} (JSON {@code version})
 * @param id the event id (JSON {@code id})
 * @param detailType the detail type, e.g. {@code Object Created} (JSON {@code detail-type})
 * @param source the source, e.g. {@code aws.s3} or your own {@code com.example.orders} (JSON {@code source})
 * @param account the account id (JSON {@code account})
 * @param time when the event happened (JSON {@code time}, ISO-8601)
 * @param region the region (JSON {@code region})
 * @param resources ARNs of the resources involved; never null (JSON {@code resources})
 * @param detail the detail as a JSON tree; see {@link #detail()} (JSON {@code detail})
 * @param replayName the archive replay that sent this event, else null (JSON {@code replay-name})
 */
public record EventBridgeEvent(
        @JsonProperty("version") String version,
        @JsonProperty("id") String id,
        @JsonProperty("detail-type") String detailType,
        @JsonProperty("source") String source,
        @JsonProperty("account") String account,
        @JsonProperty("time") Instant time,
        @JsonProperty("region") String region,
        @JsonProperty("resources") List<String> resources,
        @JsonProperty("detail") JsonNode detail,
        @JsonProperty("replay-name") String replayName) {

    /**
     * Validates and copies the components; the detail tree is copied so later changes to the argument do not
     * reach this event.
     *
     * @throws NullPointerException if {@code id}, {@code detailType}, {@code source} or {@code time} is null
     */
    public EventBridgeEvent {
        Checks.required(id, "id");
        Checks.required(detailType, "detail-type");
        Checks.required(source, "source");
        Checks.required(time, "time");
        resources = Checks.list(resources, "resources");
        detail = detail == null || detail.isNull() || detail.isMissingNode()
                ? JsonNodeFactory.instance.objectNode() : detail.deepCopy();
    }

    /**
     * Returns a copy of the detail tree; changing it does not change this event.
     *
     * @return the detail as JSON, {@code {}} when the event had none
     */
    @Override
    public JsonNode detail() {
        return detail.deepCopy();
    }

    /**
     * Binds the detail to {@code type}, e.g. {@code detail(S3ObjectEventDetail.class)} or your own record.
     *
     * @param type the target type
     * @param <T> the target type
     * @return a new instance of {@code type}
     * @throws EventParseException if the detail does not fit {@code type}; the message names the JSON path
     */
    public <T> T detail(Class<T> type) {
        return Json.convert(detail, type, "EventBridgeEvent " + id + " detail");
    }

    /**
     * Binds the detail to a generic type, e.g. {@code new TypeReference<Map<String, Object>>() {}}.
     *
     * @param type the target type
     * @param <T> the target type
     * @return the bound detail
     * @throws EventParseException if the detail does not fit {@code type}; the message names the JSON path
     */
    public <T> T detail(TypeReference<T> type) {
        return Json.convert(detail, type, "EventBridgeEvent " + id + " detail");
    }
}
