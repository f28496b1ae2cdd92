package io.drover.master.election;

import io.drover.common.ZkPaths;
import io.drover.protocol.LeaderInfo;
import org.apache.curator.framework.CuratorFramework;
import org.apache.curator.framework.api.transaction.CuratorOp;

/**
 * One leadership term: the leader it made and the version of {@code /drover/epoch} it wrote. The
 * leader's writes to ZooKeeper check that version in the same transaction, so a deposed leader
 * (paused past its session, say, and reconnected) cannot overwrite what a newer term wrote.
 *
 * @param leader       this term's leader, with its epoch
 * @param epochVersion the znode version of {@code /drover/epoch} after this term took its epoch
 */
public record Term(LeaderInfo leader, int epochVersion) {

  /** The fencing operation to put first in every transaction of this term. */
  public CuratorOp fence(CuratorFramework client) throws Exception {
    return client.transactionOp().check().withVersion(epochVersion).forPath(ZkPaths.EPOCH);
  }
}
