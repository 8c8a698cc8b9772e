package org.jstap.sim.fs.ext2.layout;

/**
 * include/linux/ext2_fs.h and fs/ext2/ext2.h: the on-disk format, as byte offsets into the
 * little-endian structures (super block, group descriptor, inode, directory entry), and the
 * accessors for them. Revision 1 with 128-byte inodes; the only features used are FILETYPE
 * (a type byte in directory entries) and SPARSE_SUPER (backups only in groups 0, 1 and powers
 * of 3, 5 and 7), which is what {@code mke2fs -t ext2 -O none,filetype,sparse_super -I 128} makes.
 */
public final class Ext2 {
    private Ext2() {}

    public static final int EXT2_SUPER_MAGIC = 0xEF53;
    /** The super block is always at byte 1024 of the device, 1024 bytes long. */
    public static final int SUPER_OFFSET = 1024;
    public static final int SUPER_SIZE = 1024;
    public static final int EXT2_DYNAMIC_REV = 1;
    public static final int EXT2_GOOD_OLD_INODE_SIZE = 128;
    public static final int EXT2_GOOD_OLD_FIRST_INO = 11;
    public static final int EXT2_ROOT_INO = 2;
    /** Block pointers in an inode: 12 direct, then single, double and triple indirect. */
    public static final int EXT2_NDIR_BLOCKS = 12;
    public static final int EXT2_IND_BLOCK = 12;
    public static final int EXT2_DIND_BLOCK = 13;
    public static final int EXT2_TIND_BLOCK = 14;
    public static final int EXT2_N_BLOCKS = 15;
    public static final int EXT2_NAME_LEN = 255;
    /** s_state. */
    public static final int EXT2_VALID_FS = 1;
    public static final int EXT2_ERROR_FS = 2;
    /** s_errors: continue. */
    public static final int EXT2_ERRORS_CONTINUE = 1;
    public static final int EXT2_FEATURE_INCOMPAT_FILETYPE = 0x0002;
    public static final int EXT2_FEATURE_RO_COMPAT_SPARSE_SUPER = 0x0001;
    public static final int EXT2_DESC_SIZE = 32;

    /** struct ext2_super_block field offsets. */
    public static final int S_INODES_COUNT = 0;
    public static final int S_BLOCKS_COUNT = 4;
    public static final int S_R_BLOCKS_COUNT = 8;
    public static final int S_FREE_BLOCKS_COUNT = 12;
    public static final int S_FREE_INODES_COUNT = 16;
    public static final int S_FIRST_DATA_BLOCK = 20;
    public static final int S_LOG_BLOCK_SIZE = 24;
    public static final int S_LOG_FRAG_SIZE = 28;
    public static final int S_BLOCKS_PER_GROUP = 32;
    public static final int S_FRAGS_PER_GROUP = 36;
    public static final int S_INODES_PER_GROUP = 40;
    public static final int S_MTIME = 44;
    public static final int S_WTIME = 48;
    public static final int S_MNT_COUNT = 52;
    public static final int S_MAX_MNT_COUNT = 54;
    public static final int S_MAGIC = 56;
    public static final int S_STATE = 58;
    public static final int S_ERRORS = 60;
    public static final int S_LASTCHECK = 64;
    public static final int S_CREATOR_OS = 72;
    public static final int S_REV_LEVEL = 76;
    public static final int S_FIRST_INO = 84;
    public static final int S_INODE_SIZE = 88;
    public static final int S_BLOCK_GROUP_NR = 90;
    public static final int S_FEATURE_COMPAT = 92;
    public static final int S_FEATURE_INCOMPAT = 96;
    public static final int S_FEATURE_RO_COMPAT = 100;
    public static final int S_UUID = 104;
    public static final int S_VOLUME_NAME = 120;
    public static final int S_LAST_MOUNTED = 136;
    public static final int S_DEF_HASH_VERSION = 252;

    /** struct ext2_group_desc. */
    public static final int BG_BLOCK_BITMAP = 0;
    public static final int BG_INODE_BITMAP = 4;
    public static final int BG_INODE_TABLE = 8;
    public static final int BG_FREE_BLOCKS_COUNT = 12;
    public static final int BG_FREE_INODES_COUNT = 14;
    public static final int BG_USED_DIRS_COUNT = 16;

    /** struct ext2_inode. */
    public static final int I_MODE = 0;
    public static final int I_UID = 2;
    public static final int I_SIZE = 4;
    public static final int I_ATIME = 8;
    public static final int I_CTIME = 12;
    public static final int I_MTIME = 16;
    public static final int I_DTIME = 20;
    public static final int I_GID = 24;
    public static final int I_LINKS_COUNT = 26;
    public static final int I_BLOCKS = 28;
    public static final int I_FLAGS = 32;
    public static final int I_BLOCK = 40;
    public static final int I_GENERATION = 100;
    public static final int I_SIZE_HIGH = 108;
    public static final int I_UID_HIGH = 120;
    public static final int I_GID_HIGH = 122;

    /** Directory entry file types (EXT2_FT_*). */
    public static final int EXT2_FT_UNKNOWN = 0;
    public static final int EXT2_FT_REG_FILE = 1;
    public static final int EXT2_FT_DIR = 2;
    public static final int EXT2_FT_CHRDEV = 3;
    public static final int EXT2_FT_BLKDEV = 4;
    public static final int EXT2_FT_FIFO = 5;
    public static final int EXT2_FT_SOCK = 6;
    public static final int EXT2_FT_SYMLINK = 7;

    /** EXT2_DIR_REC_LEN: an entry's size for a name of {@code nameLen} bytes, 4-aligned. */
    public static int EXT2_DIR_REC_LEN(int nameLen) {
        return (nameLen + 8 + 3) & ~3;
    }

    /** ext2_type_by_mode: the entry type for an inode mode. */
    public static int ext2_type_by_mode(int mode) {
        return switch (mode & 0170000) {
            case 0100000 -> EXT2_FT_REG_FILE;
            case 0040000 -> EXT2_FT_DIR;
            case 0020000 -> EXT2_FT_CHRDEV;
            case 0060000 -> EXT2_FT_BLKDEV;
            case 0010000 -> EXT2_FT_FIFO;
            case 0140000 -> EXT2_FT_SOCK;
            case 0120000 -> EXT2_FT_SYMLINK;
            default -> EXT2_FT_UNKNOWN;
        };
    }

    /** fs_ftype_to_dtype: the DT_* readdir reports for an entry type. */
    public static int fs_ftype_to_dtype(int ft) {
        return switch (ft) {
            case EXT2_FT_REG_FILE -> 8;
            case EXT2_FT_DIR -> 4;
            case EXT2_FT_CHRDEV -> 2;
            case EXT2_FT_BLKDEV -> 6;
            case EXT2_FT_FIFO -> 1;
            case EXT2_FT_SOCK -> 12;
            case EXT2_FT_SYMLINK -> 10;
            default -> 0;
        };
    }

    /** ext2_group_sparse: whether group {@code g} holds a super block backup (0, 1, 3^n, 5^n, 7^n). */
    public static boolean ext2_bg_has_super(int g) {
        if (g <= 1) {
            return true;
        }
        return power(g, 3) || power(g, 5) || power(g, 7);
    }

    private static boolean power(int g, int base) {
        long n = base;
        while (n < g) {
            n *= base;
        }
        return n == g;
    }

    public static int le16(byte[] b, int off) {
        return (b[off] & 0xff) | (b[off + 1] & 0xff) << 8;
    }

    public static long le32(byte[] b, int off) {
        return (b[off] & 0xffL) | (b[off + 1] & 0xffL) << 8 | (b[off + 2] & 0xffL) << 16 | (b[off + 3] & 0xffL) << 24;
    }

    public static void put16(byte[] b, int off, int v) {
        b[off] = (byte) v;
        b[off + 1] = (byte) (v >>> 8);
    }

    public static void put32(byte[] b, int off, long v) {
        b[off] = (byte) v;
        b[off + 1] = (byte) (v >>> 8);
        b[off + 2] = (byte) (v >>> 16);
        b[off + 3] = (byte) (v >>> 24);
    }

    /** Bit {@code nr} of a bitmap block (ext2_test_bit: little-endian bit order). */
    public static boolean test_bit(byte[] map, int nr) {
        return (map[nr >>> 3] & (1 << (nr & 7))) != 0;
    }

    public static void set_bit(byte[] map, int nr) {
        map[nr >>> 3] |= (byte) (1 << (nr & 7));
    }

    public static void clear_bit(byte[] map, int nr) {
        map[nr >>> 3] &= (byte) ~(1 << (nr & 7));
    }

    /** find_next_zero_bit: the first clear bit in [from, size), or -1. */
    public static int find_next_zero_bit(byte[] map, int size, int from) {
        for (int i = Math.max(0, from); i < size; i++) {
            if (!test_bit(map, i)) {
                return i;
            }
        }
        return -1;
    }
}
