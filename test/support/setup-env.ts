// The pinned AWS SDK supports Node 20; its notice about future releases is noise in test output.
process.env['AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED'] = 'true';
