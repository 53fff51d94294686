from celery import shared_task

from .services import invitation_deliver


@shared_task(
    autoretry_for=(OSError,),
    retry_backoff=30,
    retry_backoff_max=600,
    max_retries=5,
    acks_late=True,
)
def organization_invitation_send(membership_id: int) -> bool:
    """Takes an ID: the invitation is read fresh (it may have been withdrawn meanwhile).

    SMTP errors are OSErrors and retry with bounded backoff; the service sends at most once.
    """
    return invitation_deliver(membership_id=membership_id)
