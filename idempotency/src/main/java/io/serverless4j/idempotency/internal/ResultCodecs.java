/*
 * Copyright 2026 The serverless4j authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.serverless4j.idempotency.internal;

import com.fasterxml.jackson.core.TreeNode;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.JavaType;
import com.fasterxml.jackson.databind.JsonDeserializer;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.JsonSerializer;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectReader;
import com.fasterxml.jackson.databind.ObjectWriter;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.SerializerProvider;
import com.fasterxml.jackson.databind.deser.AbstractDeserializer;
import com.fasterxml.jackson.databind.deser.BeanDeserializerBase;
import com.fasterxml.jackson.databind.deser.DefaultDeserializationContext;
import com.fasterxml.jackson.databind.deser.impl.TypeWrappedDeserializer;
import com.fasterxml.jackson.databind.deser.impl.UnsupportedTypeDeserializer;
import com.fasterxml.jackson.databind.ser.PropertyWriter;
import com.fasterxml.jackson.databind.ser.impl.UnknownSerializer;
import com.fasterxml.jackson.databind.ser.impl.UnsupportedTypeSerializer;
import com.fasterxml.jackson.databind.ser.std.BeanSerializerBase;
import java.util.HashSet;
import java.util.Iterator;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * How the results of one type are written and read back, found once per result type and kept: the mapper's writer
 * and reader for the type, or why results of the type can never be stored.
 *
 * <p>"Can never be stored" means that the mapper has no usable serializer or deserializer for the type or for a
 * part of it whose type is known before any value exists (a property of a final type, a collection's element
 * type): a {@code java.time} type without its module (Jackson's {@code UnsupportedTypeSerializer}), a bean with no
 * properties ({@code UnknownSerializer}, when the mapper fails on empty beans), a class without a creator, an
 * abstract type without type information. What only a value can show (a subtype, a getter that throws, a property
 * of type {@code Object}) is found when the value is written. Thread-safe.
 */
public final class ResultCodecs {

    /**
     * The writer and reader for one result type, or the reason it cannot be stored.
     *
     * @param type the result type
     * @param writer writes results as this type (the declared type's serializer, as they are read back)
     * @param reader reads stored results as this type
     * @param problem why results of this type can never be stored, or null when they can
     */
    public record Codec(JavaType type, ObjectWriter writer, ObjectReader reader, String problem) {}

    private final ObjectMapper mapper;
    private final ConcurrentHashMap<JavaType, Codec> codecs = new ConcurrentHashMap<>();

    /**
     * Creates the cache for one mapper.
     *
     * @param mapper the mapper results go through; not reconfigured afterwards
     */
    public ResultCodecs(ObjectMapper mapper) {
        this.mapper = Objects.requireNonNull(mapper, "mapper");
    }

    /**
     * The codec of a result type, built on first use.
     *
     * @param type the result type
     * @return the codec; check {@link Codec#problem()} before taking a key
     */
    public Codec forType(JavaType type) {
        Codec codec = codecs.get(type);
        return codec != null ? codec : codecs.computeIfAbsent(type, this::build);
    }

    private Codec build(JavaType type) {
        String problem;
        try {
            new Walk().check(type, "the result type " + type.toCanonical(), true);
            problem = null;
        } catch (Unstorable unstorable) {
            problem = unstorable.getMessage();
        }
        return new Codec(type, mapper.writerFor(type), mapper.readerFor(type), problem);
    }

    /** Why a type cannot be stored; internal to the walk. */
    private static final class Unstorable extends Exception {
        private static final long serialVersionUID = 1L;

        Unstorable(String message) {
            super(message, null, false, false);
        }
    }

    /** One walk over a type and the types of its parts. */
    private final class Walk {
        private final SerializerProvider serializers = mapper.getSerializerProviderInstance();
        private final DeserializationContext deserializers = ((DefaultDeserializationContext) mapper
                .getDeserializationContext()).createDummyInstance(mapper.getDeserializationConfig());
        private final Set<JavaType> seen = new HashSet<>();

        /**
         * @param serializedAsDeclared whether values are written with this type's serializer (a root type, a final
         *     type) rather than their runtime class's
         */
        void check(JavaType type, String where, boolean serializedAsDeclared) throws Unstorable {
            Class<?> raw = type.getRawClass();
            if (!seen.add(type) || type.isJavaLangObject() || type.isPrimitive() || raw == Void.class
                    || raw == String.class || TreeNode.class.isAssignableFrom(raw)) {
                return;
            }
            JsonSerializer<Object> serializer;
            try {
                serializer = serializers.findTypedValueSerializer(type, true, null);
            } catch (JsonMappingException | RuntimeException e) {
                throw new Unstorable(where + " has no serializer this ObjectMapper can use: " + message(e));
            }
            if (serializer instanceof UnsupportedTypeSerializer) {
                throw new Unstorable(where + " needs a Jackson module this ObjectMapper does not have" + hint(raw));
            }
            if (serializedAsDeclared && serializer instanceof UnknownSerializer
                    && mapper.isEnabled(SerializationFeature.FAIL_ON_EMPTY_BEANS)) {
                throw new Unstorable(where + " has no properties Jackson can see: make it a record, or give it "
                        + "getters or public fields");
            }
            JsonDeserializer<Object> deserializer;
            try {
                deserializer = deserializers.findRootValueDeserializer(type);
            } catch (JsonMappingException | RuntimeException e) {
                throw new Unstorable(where + " has no deserializer this ObjectMapper can use: " + message(e));
            }
            if (deserializer instanceof UnsupportedTypeDeserializer) {
                throw new Unstorable(where + " needs a Jackson module this ObjectMapper does not have" + hint(raw));
            }
            if (!(deserializer instanceof TypeWrappedDeserializer)) {
                if (deserializer instanceof AbstractDeserializer) {
                    throw new Unstorable(where + " is abstract and carries no type information (@JsonTypeInfo), so "
                            + "Jackson cannot tell which class to create when reading a stored result back");
                }
                if (deserializer instanceof BeanDeserializerBase bean
                        && !bean.getValueInstantiator().canInstantiate()) {
                    throw new Unstorable(where + " has no creator Jackson can read a stored result back with: make "
                            + "it a record, or give it a no-argument or a @JsonCreator constructor");
                }
            }
            if (type.isMapLikeType()) {
                try {
                    deserializers.findKeyDeserializer(type.getKeyType(), null);
                } catch (JsonMappingException | RuntimeException e) {
                    throw new Unstorable(where + " has keys of type " + type.getKeyType().toCanonical()
                            + " that this ObjectMapper cannot read back: " + message(e));
                }
            }
            JavaType content = type.getContentType();
            if (content != null) {
                check(content, where + ", its element type " + content.toCanonical(), content.isFinal());
            }
            if (serializer instanceof BeanSerializerBase bean) {
                for (Iterator<PropertyWriter> properties = bean.properties(); properties.hasNext();) {
                    PropertyWriter property = properties.next();
                    JavaType propertyType = property.getType();
                    check(propertyType, where + ", its property '" + property.getName() + "' ("
                            + propertyType.toCanonical() + ")", propertyType.isFinal());
                }
            }
        }

        private String message(Exception e) {
            return e instanceof JsonMappingException mapping ? mapping.getOriginalMessage() : String.valueOf(e);
        }

        private String hint(Class<?> raw) {
            if (raw.getName().startsWith("java.time.")) {
                return " (java.time types need JavaTimeModule, from com.fasterxml.jackson.datatype:"
                        + "jackson-datatype-jsr310; the default mapper of Idempotency registers it)";
            }
            if (raw.getName().startsWith("java.util.Optional")) {
                return " (Optional types need Jdk8Module, from com.fasterxml.jackson.datatype:jackson-datatype-jdk8)";
            }
            return " (register the module Jackson names for " + raw.getName() + ")";
        }
    }
}
