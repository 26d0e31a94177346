bucket_name = "acme-app-data"
admin_users = ["alice", "bob"]
