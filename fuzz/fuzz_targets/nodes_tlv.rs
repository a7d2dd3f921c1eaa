#![no_main]

libfuzzer_sys::fuzz_target!(|data: &[u8]| lwm2m_fuzz::nodes::tlv(data));
