"""What notifications announce once their transaction commits: `notifikasi_dibuat(email_ids,
webhook_ids)`, sent by services.notify with lib.signals.send_on_commit. tasks.deliver (connected in
NotifikasiConfig.ready) queues the email and webhook deliveries, so services never import the tasks
that import them back."""

from django.dispatch import Signal

notifikasi_dibuat = Signal()
