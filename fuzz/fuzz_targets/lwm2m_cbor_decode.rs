#![no_main]

libfuzzer_sys::fuzz_target!(|data: &[u8]| lwm2m_fuzz::cbor::lwm2m_cbor_decode(data));
