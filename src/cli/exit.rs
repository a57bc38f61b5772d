pub const CLEAN: u8 = 0;
pub const FINDINGS: u8 = 1;
pub const USAGE_OR_IO: u8 = 2;
