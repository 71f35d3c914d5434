/*
 * Copyright 2026 The serverless4j authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.serverless4j.events.internal;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * Builds Jackson trees from the {@link JsonReader}, for the free-form parts of events (EventBridge detail, API
 * Gateway authorizer). Its own class so that events without such parts never load Jackson's node classes.
 */
final class JsonTrees {

    private JsonTrees() {
    }

    /** The reader of free-form values. */
    static final JsonIn.ValueReader<JsonNode> TREE = new JsonIn.ValueReader<>() {
        @Override
        public JsonNode read(JsonReader p) {
            return tree(p);
        }
    };

    /** Builds a tree of the current value without an ObjectMapper, with the node types readTree would use. */
    static JsonNode tree(JsonReader p) {
        JsonNodeFactory nodes = JsonNodeFactory.instance;
        JsonReader.Token token = p.currentToken();
        switch (token) {
            case START_OBJECT: {
                ObjectNode object = nodes.objectNode();
                for (String name = p.nextFieldName(); name != null; name = p.nextFieldName()) {
                    p.nextToken();
                    object.set(name, tree(p));
                }
                return object;
            }
            case START_ARRAY: {
                ArrayNode array = nodes.arrayNode();
                while (p.nextToken() != JsonReader.Token.END_ARRAY) {
                    array.add(tree(p));
                }
                return array;
            }
            case STRING:
                return nodes.textNode(p.text());
            case NUMBER_INT:
                if (p.fitsInt()) {
                    return nodes.numberNode((int) p.longValue());
                }
                return p.fitsLong() ? nodes.numberNode(p.longValue()) : nodes.numberNode(p.bigIntegerValue());
            case NUMBER_FLOAT:
                return nodes.numberNode(p.doubleValue());
            case TRUE:
                return nodes.booleanNode(true);
            case FALSE:
                return nodes.booleanNode(false);
            case NULL:
                return nodes.nullNode();
            default:
                throw JsonIn.mismatch("a JSON value", token);
        }
    }
}
