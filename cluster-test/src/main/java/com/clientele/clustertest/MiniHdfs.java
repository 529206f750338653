package com.clientele.clustertest;

import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.apache.hadoop.hdfs.MiniDFSCluster;

/**
 * A real HDFS on 127.0.0.1 for the cluster test: one NameNode and one DataNode (Hadoop's
 * MiniDFSCluster) storing under a base folder, until standard input closes.
 *
 * <pre>
 *   java -cp $(cat cluster-test/target/classpath.txt):cluster-test/target/classes \
 *     com.clientele.clustertest.MiniHdfs serve BASE_DIR NAMENODE_PORT
 *   ... copy LOCAL_DIR hdfs://127.0.0.1:PORT/path      (upload a folder)
 *   ... fetch hdfs://127.0.0.1:PORT/path LOCAL_DIR     (download a folder)
 * </pre>
 *
 * {@code serve} prints {@code READY hdfs://127.0.0.1:PORT} once the DataNode has registered.
 */
public final class MiniHdfs {

  private MiniHdfs() {}

  public static void main(String[] args) throws Exception {
    switch (args.length > 0 ? args[0] : "") {
      case "serve" -> serve(new File(args[1]), Integer.parseInt(args[2]));
      case "copy" -> {
        Path target = new Path(args[2]);
        FileSystem fs = target.getFileSystem(new Configuration());
        fs.mkdirs(target.getParent());
        fs.copyFromLocalFile(false, true, new Path(new File(args[1]).getAbsoluteFile().toURI()), target);
      }
      case "fetch" -> {
        Path source = new Path(args[1]);
        source.getFileSystem(new Configuration())
            .copyToLocalFile(false, source, new Path(new File(args[2]).getAbsoluteFile().toURI()), true);
      }
      default -> {
        System.err.println("usage: MiniHdfs serve BASE_DIR PORT | copy LOCAL_DIR HDFS_URI | fetch HDFS_URI LOCAL_DIR");
        System.exit(2);
      }
    }
  }

  private static void serve(File base, int port) throws IOException, InterruptedException {
    Configuration conf = new Configuration();
    conf.set(MiniDFSCluster.HDFS_MINIDFS_BASEDIR, base.getAbsolutePath());
    conf.setBoolean("dfs.permissions.enabled", false);
    conf.set("dfs.namenode.rpc-bind-host", "127.0.0.1");
    conf.set("dfs.datanode.address", "127.0.0.1:0");
    conf.set("dfs.datanode.http.address", "127.0.0.1:0");
    conf.set("dfs.datanode.ipc.address", "127.0.0.1:0");
    conf.set("dfs.namenode.http-address", "127.0.0.1:0");
    conf.setInt("dfs.replication", 1);
    MiniDFSCluster cluster = new MiniDFSCluster.Builder(conf)
        .nameNodePort(port).numDataNodes(1).format(true).checkDataNodeAddrConfig(true).build();
    try {
      cluster.waitActive();
      System.out.println("READY hdfs://127.0.0.1:" + cluster.getNameNodePort());
      System.out.flush();
      InputStream in = System.in;
      while (in.read() >= 0) {
        // runs until the test closes our standard input (or kills us)
      }
    } finally {
      cluster.shutdown(true);
    }
  }
}
