/*
 * Copyright 2026 The serverless4j authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.serverless4j.events.internal;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.JsonDeserializer;
import com.fasterxml.jackson.databind.JsonSerializer;
import com.fasterxml.jackson.databind.SerializerProvider;
import java.io.IOException;
import java.math.BigDecimal;
import java.time.DateTimeException;
import java.time.Instant;
import java.time.format.DateTimeParseException;

/**
 * The timestamp formats AWS uses, each as a Jackson (de)serializer pair. We depend on jackson-databind only, so
 * there is no JavaTimeModule: these are the few formats the event shapes need, and nothing else.
 */
public final class InstantCodecs {

    private InstantCodecs() {
    }

    /** ISO-8601, e.g. {@code 2019-09-03T19:37:27.192Z}: S3, SNS, EventBridge. The default for Instant. */
    public static final class IsoDeserializer extends JsonDeserializer<Instant> {
        @Override
        public Instant deserialize(JsonParser p, DeserializationContext ctxt) throws IOException {
            if (p.currentToken() != JsonToken.VALUE_STRING) {
                return mismatch(ctxt, p, "an ISO-8601 timestamp string");
            }
            String text = p.getText();
            try {
                return parseIso(text);
            } catch (DateTimeException e) {
                throw ctxt.weirdStringException(text, Instant.class,
                        "expected an ISO-8601 timestamp such as 2019-09-03T19:37:27.192Z");
            }
        }
    }

    /** Writes ISO-8601 in UTC with the precision the value has. */
    public static final class IsoSerializer extends JsonSerializer<Instant> {
        @Override
        public void serialize(Instant value, JsonGenerator gen, SerializerProvider serializers) throws IOException {
            gen.writeString(value.toString());
        }
    }

    /**
     * Epoch seconds as a JSON number, possibly fractional, e.g. {@code 1545084650.987}: DynamoDB Streams
     * {@code ApproximateCreationDateTime} and Kinesis {@code approximateArrivalTimestamp}.
     */
    public static final class EpochSecondsDeserializer extends JsonDeserializer<Instant> {
        @Override
        public Instant deserialize(JsonParser p, DeserializationContext ctxt) throws IOException {
            JsonToken token = p.currentToken();
            if (token != JsonToken.VALUE_NUMBER_FLOAT && token != JsonToken.VALUE_NUMBER_INT) {
                return mismatch(ctxt, p, "a number of epoch seconds");
            }
            BigDecimal seconds = p.getDecimalValue();
            try {
                return Timestamps.ofEpochSeconds(seconds);
            } catch (ArithmeticException | DateTimeException e) {
                throw ctxt.weirdNumberException(seconds, Instant.class, "out of range for epoch seconds");
            }
        }
    }

    /** Writes epoch seconds as a plain JSON number, with a fraction only when the value has one. */
    public static final class EpochSecondsSerializer extends JsonSerializer<Instant> {
        @Override
        public void serialize(Instant value, JsonGenerator gen, SerializerProvider serializers) throws IOException {
            if (value.getNano() == 0) {
                gen.writeNumber(value.getEpochSecond());
            } else {
                BigDecimal seconds = BigDecimal.valueOf(value.getEpochSecond())
                        .add(BigDecimal.valueOf(value.getNano(), 9)).stripTrailingZeros();
                gen.writeNumber(seconds.toPlainString());
            }
        }
    }

    /** Epoch milliseconds as a JSON integer: API Gateway {@code requestTimeEpoch} and {@code timeEpoch}. */
    public static final class EpochMillisDeserializer extends JsonDeserializer<Instant> {
        @Override
        public Instant deserialize(JsonParser p, DeserializationContext ctxt) throws IOException {
            if (p.currentToken() != JsonToken.VALUE_NUMBER_INT) {
                return mismatch(ctxt, p, "an integer of epoch milliseconds");
            }
            try {
                return Instant.ofEpochMilli(p.getLongValue());
            } catch (DateTimeException e) {
                throw ctxt.weirdNumberException(p.getNumberValue(), Instant.class, "out of range for epoch millis");
            }
        }
    }

    /** Writes epoch milliseconds as a JSON integer. */
    public static final class EpochMillisSerializer extends JsonSerializer<Instant> {
        @Override
        public void serialize(Instant value, JsonGenerator gen, SerializerProvider serializers) throws IOException {
            gen.writeNumber(value.toEpochMilli());
        }
    }

    /** API Gateway's CLF-style time, e.g. {@code 04/Mar/2020:19:15:17 +0000}: v1 {@code requestTime}, v2 {@code time}. */
    public static final class ApiGatewayTimeDeserializer extends JsonDeserializer<Instant> {
        @Override
        public Instant deserialize(JsonParser p, DeserializationContext ctxt) throws IOException {
            if (p.currentToken() != JsonToken.VALUE_STRING) {
                return mismatch(ctxt, p, "a time string such as 04/Mar/2020:19:15:17 +0000");
            }
            String text = p.getText();
            try {
                return parseApiGatewayTime(text);
            } catch (DateTimeException e) {
                throw ctxt.weirdStringException(text, Instant.class,
                        "expected a time such as 04/Mar/2020:19:15:17 +0000");
            }
        }
    }

    /** Writes API Gateway's CLF-style time in UTC. */
    public static final class ApiGatewayTimeSerializer extends JsonSerializer<Instant> {
        @Override
        public void serialize(Instant value, JsonGenerator gen, SerializerProvider serializers) throws IOException {
            gen.writeString(Timestamps.formatApiGatewayTime(value));
        }
    }

    private static Instant mismatch(DeserializationContext ctxt, JsonParser p, String expected) throws IOException {
        return ctxt.reportInputMismatch(Instant.class, "expected %s, found %s", expected,
                ParseErrors.describe(p.currentToken()));
    }

    /**
     * Parses ISO-8601 with a {@code Z} or a numeric offset ({@link Instant#parse} accepts both since Java 12).
     *
     * @param text the timestamp
     * @return the instant
     * @throws DateTimeParseException when the text is not ISO-8601
     */
    public static Instant parseIso(String text) {
        return Timestamps.parseIso(text);
    }

    /**
     * Parses API Gateway's {@code dd/MMM/yyyy:HH:mm:ss Z} time.
     *
     * @param text the time
     * @return the instant
     * @throws DateTimeParseException when the text is not in that format
     */
    public static Instant parseApiGatewayTime(String text) {
        return Timestamps.parseApiGatewayTime(text);
    }
}
