package io.drover.master.mesos;

import io.drover.protocol.PersistentVolume;
import org.apache.mesos.v1.Protos.Resource;
import org.apache.mesos.v1.Protos.Value;
import org.apache.mesos.v1.Protos.Volume;

import java.util.List;

/**
 * Persistent volumes as Mesos writes them: a {@code disk} resource reserved (dynamically) for its
 * role, with {@code disk.persistence} (id, principal) and {@code disk.volume} (container path,
 * read-write).
 */
final class MesosVolumes {

  private MesosVolumes() {
  }

  static Resource toProto(PersistentVolume volume) {
    Resource.DiskInfo.Persistence.Builder persistence = Resource.DiskInfo.Persistence.newBuilder().setId(volume.id());
    Resource.ReservationInfo.Builder reservation = Resource.ReservationInfo.newBuilder()
      .setType(Resource.ReservationInfo.Type.DYNAMIC).setRole(volume.role());
    if (volume.principal() != null) {
      persistence.setPrincipal(volume.principal());
      reservation.setPrincipal(volume.principal());
    }
    return Resource.newBuilder().setName("disk").setType(Value.Type.SCALAR)
      .setScalar(Value.Scalar.newBuilder().setValue(volume.diskMb()))
      .setRole(volume.role()).setReservation(Resource.ReservationInfo.getDefaultInstance())
      .addReservations(reservation)
      .setAllocationInfo(Resource.AllocationInfo.newBuilder().setRole(volume.role()))
      .setDisk(Resource.DiskInfo.newBuilder().setPersistence(persistence)
        .setVolume(Volume.newBuilder().setContainerPath(volume.containerPath()).setMode(Volume.Mode.RW)))
      .build();
  }

  static boolean isVolume(Resource resource) {
    return resource.hasDisk() && resource.getDisk().hasPersistence();
  }

  /** The volumes among a framework's resources. */
  static List<PersistentVolume> volumes(List<Resource> resources) {
    return resources.stream().filter(MesosVolumes::isVolume).map(MesosVolumes::fromProto).toList();
  }

  /** The resources that are not volumes. */
  static List<Resource> others(List<Resource> resources) {
    return resources.stream().filter(r -> !isVolume(r)).toList();
  }

  private static PersistentVolume fromProto(Resource resource) {
    String role = resource.getReservationsCount() > 0
      ? resource.getReservations(resource.getReservationsCount() - 1).getRole() : resource.getRole();
    Resource.DiskInfo disk = resource.getDisk();
    return new PersistentVolume(disk.getPersistence().getId(), role, resource.getScalar().getValue(),
      disk.hasVolume() ? disk.getVolume().getContainerPath() : null,
      disk.getPersistence().hasPrincipal() ? disk.getPersistence().getPrincipal() : null);
  }
}
