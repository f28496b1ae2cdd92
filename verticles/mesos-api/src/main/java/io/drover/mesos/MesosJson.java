package io.drover.mesos;

import com.google.gson.stream.JsonWriter;
import com.google.protobuf.ByteString;
import com.google.protobuf.Descriptors.EnumValueDescriptor;
import com.google.protobuf.Descriptors.FieldDescriptor;
import com.google.protobuf.MessageOrBuilder;

import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.util.Base64;
import java.util.List;
import java.util.Map;

/**
 * Prints a message as Mesos does ({@code stout}'s {@code jsonify}), which protobuf's own
 * {@code JsonFormat} does not quite: 64-bit integers as JSON numbers, not strings (Go and Python
 * clients decode {@code "begin": 31000} into integers and fail on {@code "31000"}). Otherwise the
 * same mapping: set fields only, proto field names, enums by name, bytes in base64, doubles with a
 * fraction ({@code 15.0}), maps as objects.
 */
public final class MesosJson {

  private MesosJson() {
  }

  public static String print(MessageOrBuilder message) {
    StringWriter out = new StringWriter();
    try (JsonWriter json = new JsonWriter(out)) {
      json.setHtmlSafe(false);
      write(message, json);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return out.toString();
  }

  private static void write(MessageOrBuilder message, JsonWriter json) throws IOException {
    json.beginObject();
    for (Map.Entry<FieldDescriptor, Object> field : message.getAllFields().entrySet()) {
      json.name(field.getKey().getName());
      if (field.getKey().isMapField()) {
        // a map is an object of its entries, as protobuf's JSON mapping and stout write it
        json.beginObject();
        for (Object entry : (List<?>) field.getValue()) {
          MessageOrBuilder pair = (MessageOrBuilder) entry;
          FieldDescriptor key = pair.getDescriptorForType().findFieldByName("key");
          FieldDescriptor value = pair.getDescriptorForType().findFieldByName("value");
          json.name(String.valueOf(pair.getField(key)));
          value(value, pair.getField(value), json);
        }
        json.endObject();
      } else if (field.getKey().isRepeated()) {
        json.beginArray();
        for (Object value : (List<?>) field.getValue()) {
          value(field.getKey(), value, json);
        }
        json.endArray();
      } else {
        value(field.getKey(), field.getValue(), json);
      }
    }
    json.endObject();
  }

  private static void value(FieldDescriptor field, Object value, JsonWriter json) throws IOException {
    switch (field.getJavaType()) {
      case MESSAGE -> write((MessageOrBuilder) value, json);
      case ENUM -> json.value(((EnumValueDescriptor) value).getName());
      case BYTE_STRING -> json.value(Base64.getEncoder().encodeToString(((ByteString) value).toByteArray()));
      case STRING -> json.value((String) value);
      case BOOLEAN -> json.value((Boolean) value);
      case DOUBLE -> json.value((double) (Double) value);
      case FLOAT -> json.value((double) (Float) value);
      case INT -> json.value(unsigned(field) ? Integer.toUnsignedLong((Integer) value) : (long) (Integer) value);
      case LONG -> {
        long number = (Long) value;
        if (unsigned(field) && number < 0) {
          json.jsonValue(Long.toUnsignedString(number));
        } else {
          json.value(number);
        }
      }
    }
  }

  private static boolean unsigned(FieldDescriptor field) {
    return switch (field.getType()) {
      case UINT32, FIXED32, UINT64, FIXED64 -> true;
      default -> false;
    };
  }
}
