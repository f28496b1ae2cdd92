import com.google.protobuf.DescriptorProtos.FileDescriptorSet;
import com.google.protobuf.Descriptors.FileDescriptor;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Build step, not part of Drover: writes the file descriptors that Mesos's official generated v1
 * classes carry as a FileDescriptorSet (dependencies first), and beside it ({@code .files}) the
 * names of Mesos's own files, for protoc to generate current code from. Run with the official jar
 * and a protobuf runtime that loads it on the class path: {@code java -cp ... DescriptorDump.java OUT}.
 */
public class DescriptorDump {

  /** Every v1 API's outer class in org.apache.mesos:mesos:1.11.0. */
  private static final List<String> OUTER_CLASSES = List.of(
    "org.apache.mesos.v1.Protos",
    "org.apache.mesos.v1.scheduler.Protos",
    "org.apache.mesos.v1.executor.Protos",
    "org.apache.mesos.v1.master.Protos",
    "org.apache.mesos.v1.agent.Protos",
    "org.apache.mesos.v1.quota.Protos",
    "org.apache.mesos.v1.maintenance.Protos",
    "org.apache.mesos.v1.allocator.Protos",
    "org.apache.mesos.v1.resource_provider.Protos");

  public static void main(String[] args) throws Exception {
    Map<String, FileDescriptor> files = new LinkedHashMap<>();
    for (String outer : OUTER_CLASSES) {
      collect((FileDescriptor) Class.forName(outer).getMethod("getDescriptor").invoke(null), files);
    }
    FileDescriptorSet.Builder set = FileDescriptorSet.newBuilder();
    List<String> mesosFiles = new ArrayList<>();
    for (FileDescriptor file : files.values()) {
      set.addFile(file.toProto());
      if (file.getName().startsWith("mesos/")) {
        mesosFiles.add(file.getName());
      }
    }
    Path out = Path.of(args[0]);
    Files.createDirectories(out.getParent());
    Files.write(out, set.build().toByteArray());
    Files.writeString(Path.of(args[0] + ".files"), String.join(" ", mesosFiles) + "\n");
  }

  private static void collect(FileDescriptor file, Map<String, FileDescriptor> files) {
    for (FileDescriptor dependency : file.getDependencies()) {
      collect(dependency, files);
    }
    files.putIfAbsent(file.getName(), file);
  }
}
