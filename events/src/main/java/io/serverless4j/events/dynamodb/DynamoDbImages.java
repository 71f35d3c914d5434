/*
 * Copyright 2026 The serverless4j authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.serverless4j.events.dynamodb;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import software.amazon.awssdk.core.SdkBytes;

/**
 * Converts DynamoDB Streams images to AWS SDK for Java v2 attribute values, e.g. to write them to another table
 * or to read them with an enhanced-client {@code TableSchema}.
 *
 * <p><b>Requires {@code software.amazon.awssdk:dynamodb} on the classpath.</b> serverless4j-events declares it
 * as an optional dependency, so functions that only parse stream events do not carry the SDK; this is the only
 * class that touches it. Calling it without the SDK fails with {@link NoClassDefFoundError}. Stateless and
 * thread-safe.
 */
public final class DynamoDbImages {

    private DynamoDbImages() {
    }

    /**
     * Converts an image (or key) map.
     *
     * @param image the attributes by name, e.g. {@code record.dynamodb().newImage()}
     * @return a new, modifiable map of SDK attribute values in the same order
     * @throws NullPointerException if {@code image} is null
     */
    public static Map<String, software.amazon.awssdk.services.dynamodb.model.AttributeValue> toSdk(
            Map<String, AttributeValue> image) {
        Objects.requireNonNull(image, "image");
        Map<String, software.amazon.awssdk.services.dynamodb.model.AttributeValue> result =
                new LinkedHashMap<>(Math.max(4, image.size() * 2));
        image.forEach((name, value) -> result.put(name, toSdk(value)));
        return result;
    }

    /**
     * Converts one attribute value.
     *
     * @param value the value
     * @return the equivalent SDK attribute value
     * @throws NullPointerException if {@code value} is null
     * @throws IllegalArgumentException if a binary value is not valid base64
     */
    public static software.amazon.awssdk.services.dynamodb.model.AttributeValue toSdk(AttributeValue value) {
        Objects.requireNonNull(value, "value");
        var builder = software.amazon.awssdk.services.dynamodb.model.AttributeValue.builder();
        if (value instanceof AttributeValue.StringValue s) {
            builder.s(s.value());
        } else if (value instanceof AttributeValue.NumberValue n) {
            builder.n(n.value());
        } else if (value instanceof AttributeValue.BinaryValue b) {
            builder.b(SdkBytes.fromByteArray(b.bytes()));
        } else if (value instanceof AttributeValue.StringSet ss) {
            builder.ss(ss.values());
        } else if (value instanceof AttributeValue.NumberSet ns) {
            builder.ns(ns.values());
        } else if (value instanceof AttributeValue.BinarySet bs) {
            List<SdkBytes> bytes = bs.bytes().stream().map(SdkBytes::fromByteArray).toList();
            builder.bs(bytes);
        } else if (value instanceof AttributeValue.MapValue m) {
            builder.m(toSdk(m.values()));
        } else if (value instanceof AttributeValue.ListValue l) {
            builder.l(l.values().stream().map(DynamoDbImages::toSdk).toList());
        } else if (value instanceof AttributeValue.NullValue) {
            builder.nul(true);
        } else if (value instanceof AttributeValue.BoolValue bool) {
            builder.bool(bool.value());
        } else {
            throw new IllegalStateException("unknown AttributeValue " + value.getClass());
        }
        return builder.build();
    }
}
