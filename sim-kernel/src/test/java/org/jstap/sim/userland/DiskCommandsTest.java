package org.jstap.sim.userland;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.file.Path;
import org.jstap.sim.fs.ext2.Ext2Test;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** mkfs.ext2, mount and dd on the virtio disk (/dev/vda) of a machine booted with a blank image. */
class DiskCommandsTest {
    @TempDir
    Path dir;

    private Path blank(long bytes) throws IOException {
        Path img = dir.resolve("disk.img");
        try (RandomAccessFile f = new RandomAccessFile(img.toFile(), "rw")) {
            f.setLength(bytes);
        }
        return img;
    }

    private static String run(Path img, String cmd) {
        Machine.Result r = Machine.sh(img, cmd);
        return r.output() + "[" + r.status() + "]";
    }

    @Test
    void mkfsExt2_makesAFileSystemThatMountsAndKeepsAFile() throws Exception {
        Path img = blank(16L << 20);
        String out = run(img, "mkfs.ext2 -q /dev/vda && mount /dev/vda /mnt && echo hi > /mnt/x && umount /mnt"
                + " && mount /dev/vda /mnt && cat /mnt/x && umount /mnt");
        assertEquals("hi\n[0]", out);
        Ext2Test.fsck(img);
    }

    @Test
    void mkfsExt2_printsMke2fsProgress() throws Exception {
        String out = run(blank(16L << 20), "mkfs.ext2 -L data /dev/vda 2>&1");
        assertTrue(out.matches("mke2fs 1\\.47\\.0 \\(5-Feb-2023\\)\n"
                + "Creating filesystem with 16384 1k blocks and 4096 inodes\n"
                + "Filesystem UUID: [0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}\n"
                + "Superblock backups stored on blocks: \n\t8193\n\n"
                + "Allocating group tables: done {28}\n"
                + "Writing inode tables: done {28}\n"
                + "Writing superblocks and filesystem accounting information: done\n\n\\[0]"), out);
    }

    @Test
    void mke2fs_withFourKiBBlocks_passesE2fsck() throws Exception {
        Path img = blank(64L << 20);
        String out = run(img, "mke2fs -q -b 4096 /dev/vda && mount /dev/vda /mnt && ls /mnt && umount /mnt");
        assertEquals("lost+found\n[0]", out);
        Ext2Test.fsck(img);
    }

    @Test
    void mkfsExt2_onAMissingDevice_saysItCannotSizeIt() throws Exception {
        String out = run(blank(1L << 20), "mkfs.ext2 -q /dev/vdb; mkfs.ext2 -q -b 512 /dev/vda");
        assertEquals("mkfs.ext2: No such file or directory while trying to determine filesystem size\n"
                + "mkfs.ext2: invalid block size - 512\n[1]", out);
    }

    @Test
    void mount_withoutType_findsExt2_andFailsOnABlankDisk() throws Exception {
        Path img = blank(8L << 20);
        String out = run(img, "mount /dev/vda /mnt; echo $?; mkfs.ext2 -q /dev/vda && mount /dev/vda /mnt"
                + " && mount | grep vda; umount /mnt");
        assertEquals("mount: /mnt: wrong fs type, bad option, bad superblock on /dev/vda, missing codepage or"
                + " helper program, or other error.\n"
                + "       dmesg(1) may have more information after failed mount system call.\n32\n"
                + "/dev/vda on /mnt type ext2 (rw)\n[0]", out);
    }

    @Test
    void mount_ofAnFstabEntry_takesItsSourceAndType() throws Exception {
        Path img = blank(8L << 20);
        String out = run(img, "mkfs.ext2 -q /dev/vda && echo '/dev/vda /mnt ext2 defaults 0 0' > /etc/fstab"
                + " && mount /mnt && ls /mnt && umount /mnt; mount /nowhere");
        assertEquals("lost+found\nmount: /nowhere: can't find in /etc/fstab.\n[1]", out);
    }

    @Test
    void dd_ofTheFirstSector_givesItsBytes() throws Exception {
        String out = run(blank(4L << 20), "dd if=/dev/vda bs=512 count=1 | wc -c; dd if=/dev/vda bs=1M 2>/dev/null | wc -c");
        assertTrue(out.endsWith("512\n4194304\n[0]"), out);
    }
}
