package io.jingzhun.quality;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import scala.Option;
import scala.collection.JavaConverters;

/** The few conversions Deequ's Scala API needs from Java (Scala 2.12). */
final class Scala {
  private Scala() {}

  static <T> scala.collection.Seq<T> seq(List<T> list) {
    return JavaConverters.asScalaBufferConverter(new ArrayList<>(list)).asScala().toList();
  }

  static <T> scala.collection.immutable.List<T> list(List<T> list) {
    return JavaConverters.asScalaBufferConverter(new ArrayList<>(list)).asScala().toList();
  }

  static <T> List<T> java(scala.collection.Seq<T> seq) {
    return new ArrayList<>(JavaConverters.seqAsJavaListConverter(seq).asJava());
  }

  static <K, V> Map<K, V> java(scala.collection.Map<K, V> map) {
    return JavaConverters.mapAsJavaMapConverter(map).asJava();
  }

  @SuppressWarnings("unchecked")
  static <K, V> scala.collection.immutable.Map<K, V> map(Map<K, V> map) {
    scala.collection.immutable.Map<K, V> out = scala.collection.immutable.Map$.MODULE$.empty();
    for (Map.Entry<K, V> e : map.entrySet()) {
      out = out.updated(e.getKey(), e.getValue());
    }
    return out;
  }

  static <T> Option<T> some(T value) {
    return Option.apply(value);
  }

  static <T> Option<T> none() {
    return Option.empty();
  }

  static Option<Object> someDouble(Double value) {
    return value == null ? Option.empty() : Option.apply((Object) value);
  }
}
