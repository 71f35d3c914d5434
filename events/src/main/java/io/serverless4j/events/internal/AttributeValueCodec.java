/*
 * Copyright 2026 The serverless4j authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.serverless4j.events.internal;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.SerializerProvider;
import com.fasterxml.jackson.databind.deser.std.StdDeserializer;
import com.fasterxml.jackson.databind.ser.std.StdSerializer;
import io.serverless4j.events.dynamodb.AttributeValue;
import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Reads and writes DynamoDB's typed JSON ({@code {"S": "..."}}) for {@link AttributeValue}. */
final class AttributeValueCodec {

    private static final String TYPES = "S, N, B, SS, NS, BS, M, L, NULL or BOOL";

    private AttributeValueCodec() {
    }

    static final class Deserializer extends StdDeserializer<AttributeValue> {
        private static final long serialVersionUID = 1L;

        Deserializer() {
            super(AttributeValue.class);
        }

        @Override
        public AttributeValue deserialize(JsonParser p, DeserializationContext ctxt) throws IOException {
            if (p.currentToken() != JsonToken.START_OBJECT) {
                return (AttributeValue) ctxt.handleUnexpectedToken(AttributeValue.class, p);
            }
            String type = p.nextFieldName();
            if (type == null) {
                return ctxt.reportInputMismatch(this, "expected one type key (" + TYPES + "), found an empty object");
            }
            p.nextToken();
            AttributeValue value;
            try {
                value = switch (type) {
                    case "S" -> new AttributeValue.StringValue(text(p, ctxt));
                    case "N" -> new AttributeValue.NumberValue(text(p, ctxt));
                    case "B" -> new AttributeValue.BinaryValue(text(p, ctxt));
                    case "SS" -> new AttributeValue.StringSet(texts(p, ctxt));
                    case "NS" -> new AttributeValue.NumberSet(texts(p, ctxt));
                    case "BS" -> new AttributeValue.BinarySet(texts(p, ctxt));
                    case "M" -> new AttributeValue.MapValue(map(p, ctxt));
                    case "L" -> new AttributeValue.ListValue(list(p, ctxt));
                    case "NULL" -> {
                        if (p.currentToken() != JsonToken.VALUE_TRUE) {
                            ctxt.reportInputMismatch(this, "expected true, found " + p.currentToken().asString());
                        }
                        yield new AttributeValue.NullValue();
                    }
                    case "BOOL" -> new AttributeValue.BoolValue(bool(p, ctxt));
                    default -> ctxt.reportInputMismatch(this,
                            "unknown DynamoDB type '" + type + "'; expected " + TYPES);
                };
            } catch (IOException | RuntimeException e) {
                if (e instanceof FieldProblem && e instanceof RuntimeException runtime) {
                    // The record names the type key itself (e.g. "N"); the containers add the path to it.
                    throw runtime;
                }
                throw JsonMappingException.wrapWithPath(e, AttributeValue.class, type);
            }
            if (p.nextToken() != JsonToken.END_OBJECT) {
                return ctxt.reportInputMismatch(this, "expected exactly one type key (" + TYPES + ")");
            }
            return value;
        }

        private String text(JsonParser p, DeserializationContext ctxt) throws IOException {
            if (p.currentToken() != JsonToken.VALUE_STRING) {
                return (String) ctxt.handleUnexpectedToken(String.class, p);
            }
            return p.getText();
        }

        private boolean bool(JsonParser p, DeserializationContext ctxt) throws IOException {
            JsonToken token = p.currentToken();
            if (token == JsonToken.VALUE_TRUE || token == JsonToken.VALUE_FALSE) {
                return token == JsonToken.VALUE_TRUE;
            }
            return (Boolean) ctxt.handleUnexpectedToken(Boolean.class, p);
        }

        private List<String> texts(JsonParser p, DeserializationContext ctxt) throws IOException {
            if (p.currentToken() != JsonToken.START_ARRAY) {
                return castList(ctxt.handleUnexpectedToken(List.class, p));
            }
            List<String> values = new ArrayList<>();
            while (p.nextToken() != JsonToken.END_ARRAY) {
                try {
                    values.add(text(p, ctxt));
                } catch (JsonMappingException e) {
                    throw JsonMappingException.wrapWithPath(e, values, values.size());
                }
            }
            return values;
        }

        private Map<String, AttributeValue> map(JsonParser p, DeserializationContext ctxt) throws IOException {
            if (p.currentToken() != JsonToken.START_OBJECT) {
                return castMap(ctxt.handleUnexpectedToken(Map.class, p));
            }
            Map<String, AttributeValue> values = new LinkedHashMap<>();
            for (String name = p.nextFieldName(); name != null; name = p.nextFieldName()) {
                p.nextToken();
                try {
                    values.put(name, deserialize(p, ctxt));
                } catch (IOException | RuntimeException e) {
                    throw JsonMappingException.wrapWithPath(e, values, name);
                }
            }
            return values;
        }

        private List<AttributeValue> list(JsonParser p, DeserializationContext ctxt) throws IOException {
            if (p.currentToken() != JsonToken.START_ARRAY) {
                return castList(ctxt.handleUnexpectedToken(List.class, p));
            }
            List<AttributeValue> values = new ArrayList<>();
            while (p.nextToken() != JsonToken.END_ARRAY) {
                try {
                    values.add(deserialize(p, ctxt));
                } catch (IOException | RuntimeException e) {
                    throw JsonMappingException.wrapWithPath(e, values, values.size());
                }
            }
            return values;
        }

        @SuppressWarnings("unchecked")
        private static <T> List<T> castList(Object value) {
            return (List<T>) value;
        }

        @SuppressWarnings("unchecked")
        private static <T> Map<String, T> castMap(Object value) {
            return (Map<String, T>) value;
        }
    }

    static final class Serializer extends StdSerializer<AttributeValue> {
        private static final long serialVersionUID = 1L;

        Serializer() {
            super(AttributeValue.class);
        }

        @Override
        public void serialize(AttributeValue value, JsonGenerator gen, SerializerProvider provider)
                throws IOException {
            gen.writeStartObject();
            if (value instanceof AttributeValue.StringValue s) {
                gen.writeStringField("S", s.value());
            } else if (value instanceof AttributeValue.NumberValue n) {
                gen.writeStringField("N", n.value());
            } else if (value instanceof AttributeValue.BinaryValue b) {
                gen.writeStringField("B", b.base64());
            } else if (value instanceof AttributeValue.StringSet ss) {
                writeStrings(gen, "SS", ss.values());
            } else if (value instanceof AttributeValue.NumberSet ns) {
                writeStrings(gen, "NS", ns.values());
            } else if (value instanceof AttributeValue.BinarySet bs) {
                writeStrings(gen, "BS", bs.base64Values());
            } else if (value instanceof AttributeValue.MapValue m) {
                gen.writeFieldName("M");
                gen.writeStartObject();
                for (Map.Entry<String, AttributeValue> entry : m.values().entrySet()) {
                    gen.writeFieldName(entry.getKey());
                    serialize(entry.getValue(), gen, provider);
                }
                gen.writeEndObject();
            } else if (value instanceof AttributeValue.ListValue l) {
                gen.writeFieldName("L");
                gen.writeStartArray();
                for (AttributeValue element : l.values()) {
                    serialize(element, gen, provider);
                }
                gen.writeEndArray();
            } else if (value instanceof AttributeValue.NullValue) {
                gen.writeBooleanField("NULL", true);
            } else if (value instanceof AttributeValue.BoolValue bool) {
                gen.writeBooleanField("BOOL", bool.value());
            } else {
                throw new IllegalStateException("unknown AttributeValue " + value.getClass());
            }
            gen.writeEndObject();
        }

        private static void writeStrings(JsonGenerator gen, String name, List<String> values) throws IOException {
            gen.writeFieldName(name);
            gen.writeStartArray();
            for (String value : values) {
                gen.writeString(value);
            }
            gen.writeEndArray();
        }
    }
}
